package dev.robust.engine.dl4j;

import dev.robust.engine.Batch;
import dev.robust.engine.Engine;
import dev.robust.engine.Engines;
import dev.robust.engine.Model;
import dev.robust.engine.ModelSpec;
import dev.robust.engine.testing.OnnxExportParity;
import dev.robust.engine.testing.SyntheticBatches;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DL4J engine's ONNX export computes what the engine computes: logits within 1e-3 and the same top-1, after a
 * few training steps and a recount of the batch-norm statistics, so weights and running statistics are far from
 * their initial values. The export reads NCHW where DL4J computes NHWC, so a layout slip fails here.
 */
class Dl4jOnnxExportTest {
    private static final Engine ENGINE = Engines.named("dl4j");

    @TempDir
    Path dir;

    @Test
    void smallCnnExportMatchesTheEngineOnAThousandImages() throws Exception {
        Model model = trained(ModelSpec.of("smallcnn", 32, 10, 3), 5, 32);
        OnnxExportParity.assertMatches(model, dir.resolve("smallcnn.onnx"),
                SyntheticBatches.colouredSquares(1000, 32, 11));
    }

    @Test
    void resNet20ExportMatchesTheEngineOnAThousandImages() throws Exception {
        Model model = trained(ModelSpec.of("resnet20", 32, 10, 4), 5, 32);
        OnnxExportParity.assertMatches(model, dir.resolve("resnet20.onnx"),
                SyntheticBatches.colouredSquares(1000, 32, 12));
    }

    /**
     * 200 images, not the 1,000 of the other models: at 72×72 ResNet50V2 costs about 0.4 GFLOP an image, and the
     * engine's tests run on one thread. Its odd sizes (36 → 18 → 9 → 5 → 3) exercise every "same" and truncated
     * padding the export spells out.
     */
    @Test
    void resNet50V2ExportMatchesTheEngineOnTwoHundredImages() throws Exception {
        Model model = trained(ModelSpec.of("resnet50v2", 72, 10, 5), 1, 8);
        OnnxExportParity.assertMatches(model, dir.resolve("resnet50v2.onnx"),
                SyntheticBatches.colouredSquares(200, 72, 13));
    }

    private static Model trained(ModelSpec spec, int steps, int batch) {
        Model model = ENGINE.create(spec);
        for (int step = 0; step < steps; step++) {
            model.trainTeacher(SyntheticBatches.colouredSquares(batch, spec.height(), step));
        }
        Batch statistics = SyntheticBatches.colouredSquares(2 * batch, spec.height(), 99);
        model.recomputeBatchNormStatistics(List.of(statistics));
        return model;
    }
}
