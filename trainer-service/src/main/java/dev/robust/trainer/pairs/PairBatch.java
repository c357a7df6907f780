package dev.robust.trainer.pairs;

import dev.robust.engine.Batch;

/** One training batch: the clean views (teacher input) and the noisy views (student input) of the same images. */
public record PairBatch(Batch clean, Batch noisy) {
    public int size() {
        return clean.size();
    }
}
