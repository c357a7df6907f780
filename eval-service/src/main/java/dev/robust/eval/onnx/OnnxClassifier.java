package dev.robust.eval.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.robust.common.event.ModelInput;
import dev.robust.common.image.Preprocessing;
import dev.robust.engine.Batch;
import dev.robust.engine.Classifier;
import dev.robust.engine.Logits;
import dev.robust.engine.ModelSpec;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalLong;

/**
 * An ONNX image classifier scored with ONNX Runtime: 32×32 RGB in (channels first or last, as the model's input
 * says), 10 class scores out. {@link #open} checks all of that before anything is scored, so a model that cannot
 * take the project's images is refused whole instead of failing slice by slice.
 *
 * <p>The scores are taken as logits, which the likelihood and calibration figures put through a softmax. Many
 * exported classifiers end in a softmax instead: a model whose answer for a blank image is a probability
 * distribution (every score in [0, 1], summing to 1 within {@value #SUM_TOLERANCE}) is taken to output
 * probabilities, and {@link #predict} answers their logarithms, which are logits of the same distribution (a
 * probability of 0 is read as the smallest positive float, so its log-likelihood stays finite). Top-1 is the same
 * either way. Logits that happen to form a distribution on a blank image would be misread; that is rare enough
 * to accept, and the log says which reading was taken.
 */
public final class OnnxClassifier implements Classifier, AutoCloseable {
    /** The images every slice holds and the classes every data set of the project has. */
    public static final int SIDE = 32;
    public static final int CHANNELS = 3;
    public static final int CLASSES = 10;
    /** The field a problem names when the model file itself is at fault. */
    static final String MODEL_FIELD = "body";
    /** How far from 1 a row of probabilities may sum (float softmax rounding). */
    static final double SUM_TOLERANCE = 1e-4;
    private static final Logger LOG = Logger.getLogger(OnnxClassifier.class);

    private final OrtSession session;
    private final String inputName;
    private final ModelInput.Layout layout;
    private final Preprocessing preprocessing;
    /** The batch size the graph fixes, or 0 when its batch axis is free. */
    private final int fixedBatch;
    private final ModelSpec spec;
    /** Whether the graph answers probabilities (a softmax at its end) rather than logits; set by the probe. */
    private boolean probabilities;

    private OnnxClassifier(OrtSession session, String inputName, ModelInput.Layout layout,
                           Preprocessing preprocessing, int fixedBatch) {
        this.session = session;
        this.inputName = inputName;
        this.layout = layout;
        this.preprocessing = preprocessing;
        this.fixedBatch = fixedBatch;
        this.spec = new ModelSpec("onnx", SIDE, SIDE, CHANNELS, CLASSES, 0);
    }

    /**
     * Opens {@code file} and checks that it is an image classifier this service can score: opset
     * {@value OnnxOpset#MINIMUM} or later of the default domain, one float input of
     * N×3×32×32 or N×32×32×3, a float output of N×10, and a forward pass of one blank image that gives 10 logits.
     *
     * @throws UnusableModelException saying which of these failed, with what ONNX Runtime or the graph says
     */
    public static OnnxClassifier open(Path file, Preprocessing preprocessing) {
        OrtSession session;
        try {
            session = OrtEnvironment.getEnvironment().createSession(file.toString(), new OrtSession.SessionOptions());
        } catch (OrtException e) {
            throw new UnusableModelException(MODEL_FIELD, "ONNX Runtime " + runtimeVersion()
                    + " cannot open the model (not ONNX, or an operator it does not implement): " + e.getMessage());
        }
        try {
            requireOpset(file);
            OnnxClassifier classifier = check(session, preprocessing);
            classifier.probe();
            return classifier;
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    /** The layout of the model's input, read from its shape. */
    public ModelInput.Layout layout() {
        return layout;
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public Logits predict(Batch batch) {
        spec.requireInput(batch);
        int rows = batch.size();
        float[] logits = new float[rows * CLASSES];
        int chunk = fixedBatch > 0 ? fixedBatch : rows;
        for (int from = 0; from < rows; from += chunk) {
            int count = Math.min(chunk, rows - from);
            float[] out = run(inputs(batch, from, count, chunk), chunk);
            System.arraycopy(out, 0, logits, from * CLASSES, count * CLASSES);
        }
        if (probabilities) {
            for (int i = 0; i < logits.length; i++) logits[i] = (float) Math.log(Math.max(logits[i], Float.MIN_VALUE));
        }
        return new Logits(logits, rows, CLASSES);
    }

    /** Whether the model outputs probabilities, which {@link #predict} turns into logits (their logarithms). */
    public boolean outputsProbabilities() {
        return probabilities;
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

    /** ONNX Runtime's version, for error messages and {@code GET /info}. */
    public static String runtimeVersion() {
        return OrtEnvironment.getEnvironment().getVersion();
    }

    /** Refuses a model older than opset {@value OnnxOpset#MINIMUM} of the default domain, or one without it. */
    private static void requireOpset(Path file) {
        OptionalLong opset;
        try {
            opset = OnnxOpset.defaultDomain(file);
        } catch (IOException e) {
            throw new UnusableModelException(MODEL_FIELD, "the model's opset_import cannot be read: " + e.getMessage());
        }
        if (opset.isEmpty() || opset.getAsLong() < OnnxOpset.MINIMUM) {
            throw new UnusableModelException(MODEL_FIELD, "opset_import: the model imports "
                    + (opset.isEmpty() ? "no opset" : "opset " + opset.getAsLong())
                    + " of the default ONNX domain; expected " + OnnxOpset.MINIMUM + " or later (re-export it, e.g. "
                    + "torch.onnx.export(..., opset_version=" + OnnxOpset.MINIMUM + "))");
        }
    }

    private static OnnxClassifier check(OrtSession session, Preprocessing preprocessing) {
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            if (inputs.size() != 1) {
                throw new UnusableModelException(MODEL_FIELD, "the model has " + inputs.size() + " inputs "
                        + inputs.keySet() + "; an image classifier here has one, N×3×32×32 or N×32×32×3 float");
            }
            NodeInfo input = inputs.values().iterator().next();
            long[] inShape = floatTensorShape(input, "input");
            ModelInput.Layout layout = layoutOf(input.getName(), inShape);
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            if (outputs.isEmpty()) {
                throw new UnusableModelException(MODEL_FIELD, "the model has no output");
            }
            NodeInfo output = outputs.values().iterator().next();
            long[] outShape = floatTensorShape(output, "output");
            if (outShape.length != 2 || (outShape[1] != CLASSES && outShape[1] >= 0)) {
                throw new UnusableModelException(MODEL_FIELD, "output '" + output.getName() + "' is "
                        + Arrays.toString(outShape) + "; expected N×" + CLASSES + " logits (the project's data sets "
                        + "have " + CLASSES + " classes)");
            }
            int fixedBatch = inShape[0] > 0 ? Math.toIntExact(inShape[0]) : 0;
            return new OnnxClassifier(session, input.getName(), layout, preprocessing, fixedBatch);
        } catch (OrtException e) {
            throw new UnusableModelException(MODEL_FIELD, "ONNX Runtime cannot describe the model: " + e.getMessage());
        }
    }

    private static long[] floatTensorShape(NodeInfo node, String what) {
        if (!(node.getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT) {
            throw new UnusableModelException(MODEL_FIELD, what + " '" + node.getName() + "' is " + node.getInfo()
                    + "; expected a float tensor");
        }
        return tensor.getShape();
    }

    private static ModelInput.Layout layoutOf(String name, long[] shape) {
        if (shape.length == 4 && shape[1] == CHANNELS && shape[2] == SIDE && shape[3] == SIDE) {
            return ModelInput.Layout.NCHW;
        }
        if (shape.length == 4 && shape[1] == SIDE && shape[2] == SIDE && shape[3] == CHANNELS) {
            return ModelInput.Layout.NHWC;
        }
        throw new UnusableModelException(MODEL_FIELD, "input '" + name + "' has shape " + Arrays.toString(shape)
                + " (rank " + shape.length + "); expected N×3×32×32 or N×32×32×3 (only the batch axis may be free)");
    }

    /** One blank image through the graph: a model that fails or answers with other than 10 logits is refused now. */
    private void probe() {
        int rows = fixedBatch > 0 ? fixedBatch : 1;
        float[] out;
        try {
            out = run(new float[rows * SIDE * SIDE * CHANNELS], rows);
        } catch (IllegalStateException e) {
            throw new UnusableModelException(MODEL_FIELD, "a forward pass of a blank image failed: " + e.getMessage());
        }
        if (out.length != rows * CLASSES) {
            throw new UnusableModelException(MODEL_FIELD, "the model answers " + out.length / (double) rows
                    + " values per image; expected " + CLASSES + " logits");
        }
        probabilities = distributions(out, rows);
        LOG.infof("ONNX model output read as %s", probabilities ? "probabilities (a softmax ends the graph)"
                : "logits");
    }

    /** Every row is non-negative, at most 1, and sums to 1. */
    static boolean distributions(float[] scores, int rows) {
        for (int row = 0; row < rows; row++) {
            double sum = 0;
            for (int c = 0; c < CLASSES; c++) {
                float p = scores[row * CLASSES + c];
                if (!(p >= 0 && p <= 1)) return false;
                sum += p;
            }
            if (Math.abs(sum - 1) > SUM_TOLERANCE) return false;
        }
        return true;
    }

    /** {@code count} images from {@code from}, preprocessed in the model's layout, zero-padded to {@code rows}. */
    private float[] inputs(Batch batch, int from, int count, int rows) {
        float[] values = new float[rows * SIDE * SIDE * CHANNELS];
        byte[] pixels = batch.pixels();
        int plane = SIDE * SIDE;
        for (int image = 0; image < count; image++) {
            int source = (from + image) * plane * CHANNELS;
            int target = image * plane * CHANNELS;
            for (int p = 0; p < plane; p++) {
                for (int c = 0; c < CHANNELS; c++) {
                    float value = preprocessing.apply(pixels[source + p * CHANNELS + c] & 0xFF, c);
                    int at = layout == ModelInput.Layout.NCHW ? c * plane + p : p * CHANNELS + c;
                    values[target + at] = value;
                }
            }
        }
        return values;
    }

    private float[] run(float[] values, int rows) {
        long[] shape = layout == ModelInput.Layout.NCHW
                ? new long[]{rows, CHANNELS, SIDE, SIDE} : new long[]{rows, SIDE, SIDE, CHANNELS};
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(values), shape);
             OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            if (!(result.get(0) instanceof OnnxTensor out) || out.getInfo().type != OnnxJavaType.FLOAT) {
                throw new IllegalStateException("the first output is not a float tensor");
            }
            FloatBuffer buffer = out.getFloatBuffer();
            float[] logits = new float[buffer.remaining()];
            buffer.get(logits);
            return logits;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException ignored) {
            // Closing frees native memory; there is nothing to do when it fails.
        }
    }
}
