package dev.robust.eval.scoring;

import dev.robust.common.prediction.Predictions;

/**
 * The outcome of scoring one slice: {@code correct} of {@code total} images classified right, each prediction, and
 * the slice's likelihood and calibration (null when the model's outputs gave no finite likelihood).
 */
public record SliceCounts(long correct, long total, Predictions predictions, SliceLikelihood likelihood) {

    public double top1() {
        return total == 0 ? Double.NaN : (double) correct / total;
    }
}
