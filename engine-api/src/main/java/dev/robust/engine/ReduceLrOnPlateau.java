package dev.robust.engine;

/**
 * Lowers the learning rate when a validation metric stops improving, with the semantics of Keras's
 * {@code ReduceLROnPlateau} (no cooldown): after {@code patience} epochs in a row without an improvement larger
 * than {@code minDelta}, multiply the rate by {@code factor} (not below {@code minLearningRate}) and start counting
 * again.
 */
public final class ReduceLrOnPlateau {

    /** Keras's default: improvements smaller than this do not count. */
    public static final double KERAS_MIN_DELTA = 1e-4;

    private final MetricDirection direction;
    private final double factor;
    private final int patience;
    private final double minDelta;
    private final double minLearningRate;
    private double best;
    private int epochsWithoutImprovement;

    public ReduceLrOnPlateau(MetricDirection direction, double factor, int patience, double minDelta,
            double minLearningRate) {
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("factor must be in (0, 1), got " + factor);
        }
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be at least 1, got " + patience);
        }
        this.direction = direction;
        this.factor = factor;
        this.patience = patience;
        this.minDelta = minDelta;
        this.minLearningRate = minLearningRate;
        this.best = direction.worst();
    }

    /** The recipe's settings with Keras's defaults for the rest: min delta 1e-4, no lower bound. */
    public ReduceLrOnPlateau(MetricDirection direction, double factor, int patience) {
        this(direction, factor, patience, KERAS_MIN_DELTA, 0.0);
    }

    /** Records one epoch's metric and returns the learning rate to use from now on. */
    public double onEpochEnd(double metric, double currentLearningRate) {
        if (direction.improves(metric, best, minDelta)) {
            best = metric;
            epochsWithoutImprovement = 0;
            return currentLearningRate;
        }
        epochsWithoutImprovement++;
        if (epochsWithoutImprovement < patience) {
            return currentLearningRate;
        }
        epochsWithoutImprovement = 0;
        return Math.max(currentLearningRate * factor, minLearningRate);
    }
}
