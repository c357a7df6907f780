package dev.robust.engine.testing;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.robust.engine.Batch;
import dev.robust.engine.Logits;
import dev.robust.engine.Model;
import dev.robust.engine.onnx.OnnxExportable;
import dev.robust.engine.onnx.OnnxGraph;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An engine's ONNX export checked against the engine itself: ONNX Runtime's logits for the same images, scaled to
 * [-1, 1] and laid out N×C×H×W as the export declares, must match the engine's within {@link #TOLERANCE} and give
 * the same top-1 class for every image.
 */
public final class OnnxExportParity {
    public static final double TOLERANCE = 1e-3;

    private OnnxExportParity() {
    }

    /** Exports {@code model} to {@code file}, scores {@code images} both ways and asserts parity; returns the largest difference. */
    public static double assertMatches(Model model, Path file, Batch images) throws IOException, OrtException {
        assertTrue(model instanceof OnnxExportable, model.spec().architecture() + " cannot export ONNX");
        ((OnnxExportable) model).exportOnnx(file);
        Logits engine = model.predict(images);
        float[] runtime = run(file, images);
        assertEquals(engine.values().length, runtime.length, "logits from ONNX Runtime");
        double largest = 0;
        double magnitude = 0;
        for (float value : engine.values()) magnitude = Math.max(magnitude, Math.abs(value));
        for (int row = 0; row < images.size(); row++) {
            int best = 0;
            for (int c = 0; c < engine.classes(); c++) {
                float value = runtime[row * engine.classes() + c];
                largest = Math.max(largest, Math.abs(value - engine.get(row, c)));
                if (value > runtime[row * engine.classes() + best]) best = c;
            }
            assertEquals(engine.predictedClass(row), best, "top-1 of image " + row);
        }
        assertTrue(largest <= TOLERANCE, "largest logit difference " + largest + " > " + TOLERANCE
                + " (largest logit magnitude " + magnitude + ")");
        return largest;
    }

    /** ONNX Runtime's logits for {@code images}: pixels scaled to [-1, 1], N×C×H×W. */
    public static float[] run(Path file, Batch images) throws OrtException {
        int h = images.height();
        int w = images.width();
        int c = images.channels();
        float[] input = new float[images.size() * c * h * w];
        byte[] pixels = images.pixels();
        for (int n = 0; n < images.size(); n++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int k = 0; k < c; k++) {
                        int value = pixels[((n * h + y) * w + x) * c + k] & 0xFF;
                        input[((n * c + k) * h + y) * w + x] = value / 127.5f - 1f;
                    }
                }
            }
        }
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession session = environment.createSession(file.toString(), new OrtSession.SessionOptions());
             OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(input),
                     new long[] {images.size(), c, h, w});
             OrtSession.Result result = session.run(Map.of(OnnxGraph.INPUT, tensor))) {
            FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] logits = new float[out.remaining()];
            out.get(logits);
            return logits;
        }
    }
}
