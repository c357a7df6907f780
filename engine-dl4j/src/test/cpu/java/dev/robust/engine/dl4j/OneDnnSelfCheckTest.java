package dev.robust.engine.dl4j;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robust.engine.Engine;
import dev.robust.engine.Engines;
import dev.robust.engine.ModelSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OneDnnSelfCheckTest {

    private final Engine engine = Engines.named("dl4j");

    @AfterEach
    void restoreDefaults() {
        OneDnn.enableLayerHelpers();
        System.clearProperty(OneDnnSelfCheck.REQUIRE_PROPERTY);
    }

    @Test
    void passesWhenEveryConvolutionAndBatchNormHasItsHelper() {
        assertTrue(OneDnn.status().active(), OneDnn.status().cause());
        assertTrue(OneDnnSelfCheck.verify(Dl4jEngine.build(ModelSpec.of("resnet20", 32, 10, 1)), "resnet20"));
    }

    @Test
    void failsNamingTheCauseWhenHelpersAreForcedOff() {
        System.setProperty(OneDnn.HELPERS_DISABLED_PROPERTY, "true");
        var error = assertThrows(IllegalStateException.class, () -> engine.create(ModelSpec.of("smallcnn", 16, 10, 1)));
        assertTrue(error.getMessage().contains(OneDnn.HELPERS_DISABLED_PROPERTY), error.getMessage());
        assertTrue(error.getMessage().contains("conv1_conv"), error.getMessage());
    }

    @Test
    void optOutContinuesWithoutOneDnn() {
        System.setProperty(OneDnn.HELPERS_DISABLED_PROPERTY, "true");
        System.setProperty(OneDnnSelfCheck.REQUIRE_PROPERTY, "false");
        assertFalse(OneDnnSelfCheck.verify(Dl4jEngine.build(ModelSpec.of("smallcnn", 16, 10, 1)), "smallcnn"));
    }
}
