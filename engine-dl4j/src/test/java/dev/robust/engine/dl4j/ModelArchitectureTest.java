package dev.robust.engine.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robust.engine.Engine;
import dev.robust.engine.Engines;
import dev.robust.engine.Logits;
import dev.robust.engine.Model;
import dev.robust.engine.ModelSpec;
import org.junit.jupiter.api.Test;

class ModelArchitectureTest {

    private final Engine engine = Engines.named("dl4j");

    @Test
    void resnet50v2MatchesKerasParameterCountAndRunsAForwardPass() {
        Model model = engine.create(ModelSpec.of("resnet50v2", 72, 10, 1));
        assertEquals(23_585_290, model.parameterCount());
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
    void sameSeedGivesSameInitialParameters() {
        ModelSpec spec = ModelSpec.of("smallcnn", 16, 10, 7);
        assertArrayEquals(engine.create(spec).parameters(), engine.create(spec).parameters());
    }

    @Test
    void unknownArchitectureIsRejectedWithTheKnownOnes() {
        var error = assertThrows(IllegalArgumentException.class, () -> engine.create(ModelSpec.of("vgg99", 32, 10, 1)));
        assertTrue(error.getMessage().contains("resnet20"), error.getMessage());
    }
}
