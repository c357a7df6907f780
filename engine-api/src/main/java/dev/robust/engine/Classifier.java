package dev.robust.engine;

/**
 * Anything that turns a batch of images into logits: an engine's {@link Model}, or a model imported from outside
 * that can only be scored (an ONNX model). The eval-service scores through this.
 */
public interface Classifier {

    /** Input size and number of classes. */
    ModelSpec spec();

    /** Logits in inference mode (batch-norm running statistics, no dropout); labels are ignored. */
    Logits predict(Batch batch);
}
