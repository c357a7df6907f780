package dev.robust.eval.onnx;

import dev.robust.common.image.Preprocessing;
import dev.robust.engine.Batch;
import dev.robust.engine.Logits;
import dev.robust.engine.onnx.OnnxGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an imported model's output is taken to be: logits, or, when a softmax ends the graph, probabilities, whose
 * logarithms are then scored as logits. Two graphs built here with the project's ONNX writer, one the other plus a
 * Softmax, must give the same log-likelihoods image by image.
 */
class OnnxOutputTest {
    @TempDir
    Path dir;

    @Test
    void aSoftmaxOutputIsReadAsProbabilitiesAndScoresLikeItsLogits() throws IOException {
        try (OnnxClassifier logits = OnnxClassifier.open(model("logits.onnx", false), preprocessing());
             OnnxClassifier probabilities = OnnxClassifier.open(model("softmax.onnx", true), preprocessing())) {
            assertFalse(logits.outputsProbabilities());
            assertTrue(probabilities.outputsProbabilities());
            Batch batch = randomImages(16);
            Logits fromLogits = logits.predict(batch);
            Logits fromProbabilities = probabilities.predict(batch);
            for (int row = 0; row < 16; row++) {
                assertEquals(fromLogits.predictedClass(row), fromProbabilities.predictedClass(row));
                double[] expected = fromLogits.logSoftmax(row);
                double[] actual = fromProbabilities.logSoftmax(row);
                for (int c = 0; c < 10; c++) assertEquals(expected[c], actual[c], 1e-4, "image " + row + " class " + c);
            }
        }
    }

    @Test
    void rowsOfScoresAreDistributionsOnlyWhenNonNegativeAndSummingToOne() {
        float[] distribution = {0.1f, 0.2f, 0.3f, 0.4f, 0, 0, 0, 0, 0, 0};
        float[] logits = {0.1f, 0.2f, 0.3f, 0.4f, 0, 0, 0, 0, 0, -0.1f};
        float[] tooMuch = {0.1f, 0.2f, 0.3f, 0.5f, 0, 0, 0, 0, 0, 0};
        assertTrue(OnnxClassifier.distributions(distribution, 1));
        assertFalse(OnnxClassifier.distributions(logits, 1));
        assertFalse(OnnxClassifier.distributions(tooMuch, 1));
    }

    /**
     * Per-channel means of the image (GlobalAveragePool) through a fixed 3 → 10 dense layer, with strong enough
     * weights that images get different classes; then, when asked, a Softmax over the classes.
     */
    private Path model(String name, boolean softmax) throws IOException {
        OnnxGraph graph = new OnnxGraph(name, 3, 32, 32);
        Random random = new Random(5);
        float[] weights = new float[3 * 10];
        for (int i = 0; i < weights.length; i++) weights[i] = (float) random.nextGaussian() * 4;
        float[] bias = new float[10];
        for (int i = 0; i < bias.length; i++) bias[i] = (float) random.nextGaussian();
        String pooled = graph.node("GlobalAveragePool", List.of(OnnxGraph.INPUT));
        String flat = graph.node("Flatten", List.of(pooled), OnnxGraph.Attribute.of("axis", 1L));
        String scores = graph.node("Gemm", List.of(flat, graph.constant("w", weights, 3, 10),
                graph.constant("b", bias, 10)));
        graph.output(softmax ? graph.node("Softmax", List.of(scores), OnnxGraph.Attribute.of("axis", 1L)) : scores,
                10);
        Path file = dir.resolve(name);
        graph.write(file);
        return file;
    }

    private static Preprocessing preprocessing() {
        return Preprocessing.parse("preprocess", Preprocessing.MINUS_ONE_TO_ONE);
    }

    private static Batch randomImages(int count) {
        byte[] pixels = new byte[count * 32 * 32 * 3];
        Random random = new Random(11);
        // A hue per image (a constant colour plus noise), so the channel means, and the classes, differ.
        for (int image = 0; image < count; image++) {
            int[] base = {random.nextInt(256), random.nextInt(256), random.nextInt(256)};
            for (int p = 0; p < 32 * 32; p++) {
                for (int c = 0; c < 3; c++) {
                    int value = base[c] + random.nextInt(21) - 10;
                    pixels[(image * 32 * 32 + p) * 3 + c] = (byte) Math.max(0, Math.min(255, value));
                }
            }
        }
        return Batch.unlabelled(pixels, count, 32, 32, 3);
    }
}
