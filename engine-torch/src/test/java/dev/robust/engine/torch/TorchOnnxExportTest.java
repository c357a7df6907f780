package dev.robust.engine.torch;

import dev.robust.engine.Engine;
import dev.robust.engine.Engines;
import dev.robust.engine.Model;
import dev.robust.engine.ModelSpec;
import dev.robust.engine.testing.OnnxExportParity;
import dev.robust.engine.testing.SyntheticBatches;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

/**
 * The torch engine's ONNX export computes what the engine computes: logits within 1e-3 and the same top-1 on
 * synthetic images, after a few training steps so that weights and batch-norm statistics are far from their
 * initial values.
 */
class TorchOnnxExportTest {
    private static final Engine ENGINE = Engines.named("torch");

    @TempDir
    Path dir;

    @Test
    void smallCnnExportMatchesTheEngineOnAThousandImages() throws Exception {
        Model model = trained(ModelSpec.of("smallcnn", 32, 10, 3));
        OnnxExportParity.assertMatches(model, dir.resolve("smallcnn.onnx"),
                SyntheticBatches.colouredSquares(1000, 32, 11));
    }

    @Test
    void resNet20ExportMatchesTheEngineOnAThousandImages() throws Exception {
        Model model = trained(ModelSpec.of("resnet20", 32, 10, 4));
        OnnxExportParity.assertMatches(model, dir.resolve("resnet20.onnx"),
                SyntheticBatches.colouredSquares(1000, 32, 12));
    }

    /**
     * 200 images, not the 1,000 of the other models: at 72×72 ResNet50V2 costs about 0.4 GFLOP an image. Its stem
     * pool reads zero padding, which the export must not hand to ONNX Runtime as Pad then MaxPool (see
     * OnnxGraph.maxPoolOverZeroPadding): exported that way, this very model's logits differ by up to 0.81 and 44 of
     * the 200 top-1 classes change.
     */
    @Test
    void resNet50V2ExportMatchesTheEngineOnTwoHundredImages() throws Exception {
        Model model = ENGINE.create(ModelSpec.of("resnet50v2", 72, 10, 5));
        model.trainTeacher(SyntheticBatches.colouredSquares(8, 72, 0));
        model.recomputeBatchNormStatistics(List.of(SyntheticBatches.colouredSquares(16, 72, 99)));
        OnnxExportParity.assertMatches(model, dir.resolve("resnet50v2.onnx"),
                SyntheticBatches.colouredSquares(200, 72, 13));
    }

    private static Model trained(ModelSpec spec) {
        Model model = ENGINE.create(spec);
        for (int step = 0; step < 5; step++) {
            model.trainTeacher(SyntheticBatches.colouredSquares(32, 32, step));
        }
        return model;
    }
}
