package dev.robust.eval.scoring;

import dev.robust.common.prediction.Predictions;

/** The outcome of scoring one slice: {@code correct} of {@code total} images classified right, and each prediction. */
public record SliceCounts(long correct, long total, Predictions predictions) {

    public double top1() {
        return total == 0 ? Double.NaN : (double) correct / total;
    }
}
