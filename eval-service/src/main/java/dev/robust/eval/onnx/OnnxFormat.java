package dev.robust.eval.onnx;

import dev.robust.common.event.CheckpointCreated;
import dev.robust.common.event.ModelInput;

import java.nio.file.Path;

/** How an imported ONNX model is named in its claim check, and how a claim check of one is opened for scoring. */
public final class OnnxFormat {
    /** The claim check's {@code format}, and the store file's extension. */
    public static final String FORMAT = "onnx";
    /** The claim check's {@code engine}: the runtime that scores the model. */
    public static final String RUNTIME = "onnxruntime";

    private OnnxFormat() {
    }

    /**
     * Opens the model a claim check announces, checking it as a submission is checked and against the layout the
     * claim declares.
     *
     * @throws UnusableModelException when the claim lacks its input, names another runtime, or the model differs
     */
    public static OnnxClassifier open(Path file, CheckpointCreated claim) {
        if (!RUNTIME.equals(claim.engine())) {
            throw new UnusableModelException("engine", "an ONNX model is scored by '" + RUNTIME + "', the claim check "
                    + "names '" + claim.engine() + "'");
        }
        ModelInput input = claim.input();
        if (input == null || input.layout() == null) {
            throw new UnusableModelException("input", "the claim check of ONNX model " + claim.checkpointId()
                    + " has no input layout and preprocessing (checkpoint.created.v2's 'input')");
        }
        OnnxClassifier classifier = OnnxClassifier.open(file, input.parsedPreprocessing());
        if (classifier.layout() != input.layout()) {
            classifier.close();
            throw new UnusableModelException("input.layout", "the claim check says " + input.layout().id()
                    + " but the model's input is " + classifier.layout().id());
        }
        return classifier;
    }
}
