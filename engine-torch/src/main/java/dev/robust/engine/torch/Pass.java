package dev.robust.engine.torch;

/** How a forward pass treats batch normalisation. */
enum Pass {
    /** Batch statistics normalise, running statistics move (momentum 0.01 of the batch, Keras's 0.99 kept). */
    TRAINING,
    /** Running statistics normalise; nothing changes. */
    INFERENCE,
    /**
     * Batch statistics normalise, as in training, and each batch-norm layer records its batch's mean and biased
     * variance instead of moving its running statistics: the pass {@link TorchModel#recomputeBatchNormStatistics}
     * runs.
     */
    STATISTICS,
    /**
     * As {@link #INFERENCE}, with every convolution that batch norm follows directly replaced by its frozen folded
     * copy ({@link ConvBn}); batch norms after other operations run as in inference.
     */
    FOLDED
}
