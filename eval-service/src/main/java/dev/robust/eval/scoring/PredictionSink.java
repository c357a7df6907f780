package dev.robust.eval.scoring;

import dev.robust.common.prediction.SlicePredictions;

/** Takes each slice's per-image predictions, before its result, so whoever reads a result can find them. */
@FunctionalInterface
public interface PredictionSink {
    void accept(SlicePredictions predictions);
}
