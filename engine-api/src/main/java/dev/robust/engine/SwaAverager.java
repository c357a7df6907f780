package dev.robust.engine;

/**
 * The running mean of parameter snapshots ({@link Model#parameters()}) for stochastic weight averaging. Keeps one
 * float copy of the model and updates it as {@code mean += (x − mean) / n}, so memory does not grow with the
 * number of snapshots.
 */
public final class SwaAverager {

    private float[] mean;
    private long count;

    /** Adds one snapshot; every snapshot must have the same length. */
    public void add(float[] parameters) {
        if (mean == null) {
            mean = parameters.clone();
            count = 1;
            return;
        }
        if (parameters.length != mean.length) {
            throw new IllegalArgumentException(
                    "snapshot has " + parameters.length + " parameters, earlier ones had " + mean.length);
        }
        count++;
        for (int i = 0; i < mean.length; i++) {
            mean[i] += (parameters[i] - mean[i]) / count;
        }
    }

    public long count() {
        return count;
    }

    /** A copy of the average; call {@link Model#setParameters} with it, then recompute batch-norm statistics. */
    public float[] average() {
        if (mean == null) {
            throw new IllegalStateException("no SWA snapshot taken yet; check the schedule's start step");
        }
        return mean.clone();
    }
}
