package dev.robust.engine.onnx;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model that can write itself as ONNX (opset {@value OnnxGraph#OPSET}): input {@value OnnxGraph#INPUT}, N×C×H×W
 * float scaled to [-1, 1] (the preprocessing every engine's model applies to raw pixels), output
 * {@value OnnxGraph#OUTPUT}, N×classes, in inference mode (batch-norm running statistics).
 */
public interface OnnxExportable {

    /** The preprocessing the exported graph expects, as a submission declares it. */
    String PREPROCESSING = "[-1,1]";

    /**
     * Writes the model to {@code file}.
     *
     * @throws UnsupportedOperationException naming the architecture when this engine cannot export it
     */
    void exportOnnx(Path file) throws IOException;
}
