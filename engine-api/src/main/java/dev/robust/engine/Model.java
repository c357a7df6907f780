package dev.robust.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * One network in one engine. Not thread-safe: one trainer or scorer drives it at a time.
 *
 * <p>Every batch holds raw uint8 NHWC pixels of the spec's size; the model scales them itself.
 */
public interface Model extends Classifier {

    /** One optimiser step on softmax cross-entropy with the batch's labels; returns the batch's mean loss. */
    double trainTeacher(Batch batch);

    /**
     * One optimiser step on the distillation loss {@code (CE(y, s) + KL(softmax(t/T) ‖ softmax(s/T))) / 2}
     * (no T² factor, see {@link DistillationLoss}); returns the batch's mean loss.
     *
     * @param teacherLogits the teacher's logits for the same images (its clean view, inference mode)
     * @param temperature   T, {@link DistillationLoss#DEFAULT_TEMPERATURE} in the recipe
     */
    double trainStudent(Batch batch, Logits teacherLogits, double temperature);

    double learningRate();

    /** Takes effect from the next training step; optimiser state (Adam moments) is kept. */
    void setLearningRate(double learningRate);

    /** Number of values in {@link #parameters()}: weights plus batch-norm statistics, as Keras counts them. */
    long parameterCount();

    /** A copy of every parameter, batch-norm statistics included, in a fixed engine-specific order. */
    float[] parameters();

    /** Replaces every parameter with values in the order {@link #parameters()} returns them. */
    void setParameters(float[] parameters);

    /**
     * Re-estimates every batch-norm layer's running mean and variance as the plain average of per-batch statistics
     * over {@code batches}, computed in training mode. Needed after assigning averaged (SWA) weights, whose
     * statistics no single training step ever produced.
     */
    void recomputeBatchNormStatistics(Iterable<Batch> batches);

    /** The precision this model computes in (FP32 unless it was created for, and runs, another). */
    default Precision precision() {
        return Precision.FP32;
    }

    /**
     * Multiply-adds of one image's forward pass through the convolutions and dense layers, counted from the
     * architecture's shapes; empty when the engine does not count them.
     */
    default OptionalLong multiplyAdds() {
        return OptionalLong.empty();
    }

    /** Writes a checkpoint in the engine's {@link Engine#checkpointFormat()}; optimiser state included. */
    void save(Path file) throws IOException;
}
