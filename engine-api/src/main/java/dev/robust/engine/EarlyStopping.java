package dev.robust.engine;

/**
 * Stops training when a validation metric has not improved for {@code patience} epochs, with the semantics of
 * Keras's {@code EarlyStopping(min_delta=0)}. With restore-best, the stop decision tells the caller to put back the
 * parameters it saved at the best epoch (the caller keeps them: save whenever {@link Decision#improved()}).
 */
public final class EarlyStopping {

    /** What the caller does after an epoch. */
    public record Decision(boolean improved, boolean stop, boolean restoreBest, int bestEpoch, double bestMetric) {
    }

    private final MetricDirection direction;
    private final int patience;
    private final double minDelta;
    private final boolean restoreBest;
    private double best;
    private int bestEpoch = -1;
    private int epochsWithoutImprovement;

    public EarlyStopping(MetricDirection direction, int patience, double minDelta, boolean restoreBest) {
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be at least 1, got " + patience);
        }
        this.direction = direction;
        this.patience = patience;
        this.minDelta = minDelta;
        this.restoreBest = restoreBest;
        this.best = direction.worst();
    }

    /** Records the metric of {@code epoch} (counted from 0). */
    public Decision onEpochEnd(int epoch, double metric) {
        boolean improved = direction.improves(metric, best, minDelta);
        if (improved) {
            best = metric;
            bestEpoch = epoch;
            epochsWithoutImprovement = 0;
        } else {
            epochsWithoutImprovement++;
        }
        boolean stop = epochsWithoutImprovement >= patience;
        return new Decision(improved, stop, stop && restoreBest && bestEpoch >= 0, bestEpoch, best);
    }
}
