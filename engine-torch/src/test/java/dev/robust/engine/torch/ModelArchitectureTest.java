package dev.robust.engine.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robust.engine.Batch;
import dev.robust.engine.Engine;
import dev.robust.engine.Engines;
import dev.robust.engine.Logits;
import dev.robust.engine.Model;
import dev.robust.engine.ModelSpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ModelArchitectureTest {

    private final Engine engine = Engines.named("torch");

    @Test
    void resnet50v2MatchesKerasParameterCountAndRunsAForwardPass() {
        Model model = engine.create(ModelSpec.of("resnet50v2", 72, 10, 1));
        assertEquals(23_585_290, model.parameterCount());
        assertEquals(23_585_290, model.parameters().length);
        Logits logits = model.predict(SyntheticBatches.randomPixels(2, 72, 3));
        assertEquals(2, logits.rows());
        assertEquals(10, logits.classes());
    }

    @Test
    void resnet20HasTheUsualParameterCount() {
        assertEquals(274_042, engine.create(ModelSpec.of("resnet20", 32, 10, 1)).parameterCount());
    }

    @Test
    void smallCnnHasItsParameterCount() {
        // convs 3·3·(3·32 + 32·64 + 64·128) = 93,024; 4 BN values per channel · 224 = 896; dense 128·10 + 10
        assertEquals(93_024 + 896 + 1_290, engine.create(ModelSpec.of("smallcnn", 32, 10, 1)).parameterCount());
    }

    @Test
    void sameSeedGivesSameInitialParametersAndAnotherSeedDoesNot() {
        ModelSpec spec = ModelSpec.of("resnet20", 16, 10, 7);
        float[] first = engine.create(spec).parameters();
        assertArrayEquals(first, engine.create(spec).parameters());
        assertFalse(Arrays.equals(first, engine.create(ModelSpec.of("resnet20", 16, 10, 8)).parameters()));
    }

    @Test
    void parametersRoundTripThroughAnotherModel() {
        Model source = engine.create(ModelSpec.of("smallcnn", 12, 10, 1));
        source.trainTeacher(SyntheticBatches.colouredSquares(8, 12, 1));
        Model target = engine.create(ModelSpec.of("smallcnn", 12, 10, 2));

        target.setParameters(source.parameters());

        assertArrayEquals(source.parameters(), target.parameters());
        Batch batch = SyntheticBatches.colouredSquares(4, 12, 2);
        assertArrayEquals(source.predict(batch).values(), target.predict(batch).values());
        var error = assertThrows(IllegalArgumentException.class, () -> target.setParameters(new float[3]));
        assertTrue(error.getMessage().contains("95210"), error.getMessage());
    }

    @Test
    void unknownArchitectureIsRejectedWithTheKnownOnes() {
        var error = assertThrows(IllegalArgumentException.class, () -> engine.create(ModelSpec.of("vgg99", 32, 10, 1)));
        assertTrue(error.getMessage().contains("resnet20"), error.getMessage());
    }

    @Test
    void batchOfTheWrongSizeIsRejectedWithBothShapes() {
        Model model = engine.create(ModelSpec.of("smallcnn", 16, 10, 1));
        var error = assertThrows(IllegalArgumentException.class,
                () -> model.predict(SyntheticBatches.randomPixels(2, 12, 1)));
        assertTrue(error.getMessage().contains("16x16x3") && error.getMessage().contains("12x12x3"), error.getMessage());
        var label = assertThrows(IllegalArgumentException.class, () -> model.trainTeacher(
                new Batch(new byte[16 * 16 * 3], new int[] {10}, 1, 16, 16, 3)));
        assertTrue(label.getMessage().contains("label 10"), label.getMessage());
    }

    @Test
    void engineIsFoundByNameAndDescribesLibtorch() {
        assertEquals("torch-zip", engine.checkpointFormat());
        assertEquals("cpu", engine.backend().backend());
        assertTrue(engine.backend().library().startsWith("libtorch 2.10.0 (JavaCPP 1.5.13"), engine.backend().toString());
        assertTrue(engine.backend().detail().startsWith("threads=1"), engine.backend().toString());
        System.out.println("torch backend: " + engine.backend());
    }
}
