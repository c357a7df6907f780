package dev.robust.engine.torch;

import dev.robust.engine.Engine;
import dev.robust.engine.Engines;
import dev.robust.engine.Model;
import dev.robust.engine.ModelSpec;
import dev.robust.engine.onnx.OnnxExportable;
import dev.robust.engine.testing.OnnxExportParity;
import dev.robust.engine.testing.SyntheticBatches;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void resNet50V2IsRefusedByNameNotExportedWrong() {
        OnnxExportable model = (OnnxExportable) ENGINE.create(ModelSpec.of("resnet50v2", 72, 10, 5));
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> model.exportOnnx(dir.resolve("resnet50v2.onnx")));
        assertTrue(e.getMessage().contains("resnet50v2"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("resnet50v2.onnx")));
    }

    private static Model trained(ModelSpec spec) {
        Model model = ENGINE.create(spec);
        for (int step = 0; step < 5; step++) {
            model.trainTeacher(SyntheticBatches.colouredSquares(32, 32, step));
        }
        return model;
    }
}
