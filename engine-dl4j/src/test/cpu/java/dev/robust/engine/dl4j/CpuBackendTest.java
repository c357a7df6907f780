package dev.robust.engine.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robust.engine.Engine;
import dev.robust.engine.Engines;
import org.junit.jupiter.api.Test;

/** The default build: the engine runs on nd4j-native with oneDNN, and says so. */
class CpuBackendTest {

    @Test
    void engineIsFoundByNameAndReportsOneDnn() {
        Engine engine = Engines.named("dl4j");
        assertEquals("dl4j-zip", engine.checkpointFormat());
        assertTrue(engine.backend().onednn(), engine.backend().toString());
        assertTrue(engine.backend().backend().startsWith("nd4j-native cpu"), engine.backend().toString());
    }
}
