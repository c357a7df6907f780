package dev.robust.engine;

/** Whether a monitored metric improves downwards (a loss) or upwards (an accuracy). */
public enum MetricDirection {
    LOWER_IS_BETTER,
    HIGHER_IS_BETTER;

    /** True when {@code current} beats {@code best} by more than {@code minDelta}. */
    public boolean improves(double current, double best, double minDelta) {
        return this == LOWER_IS_BETTER ? current < best - minDelta : current > best + minDelta;
    }

    /** The starting "best": anything real beats it. */
    public double worst() {
        return this == LOWER_IS_BETTER ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }
}
