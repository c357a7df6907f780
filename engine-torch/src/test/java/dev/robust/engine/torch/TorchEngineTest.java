package dev.robust.engine.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robust.engine.Engine;
import dev.robust.engine.Engines;
import org.junit.jupiter.api.Test;

/** The engine runs on libtorch's CPU build with the thread count the build asks for, and says so. */
class TorchEngineTest {

    @Test
    void engineIsFoundByNameAndDescribesLibtorch() {
        Engine engine = Engines.named("torch");
        assertEquals("torch-zip", engine.checkpointFormat());
        assertEquals("cpu", engine.backend().backend());
        assertTrue(engine.backend().library().startsWith("libtorch 2.10.0 (JavaCPP 1.5.13"), engine.backend().toString());
        assertTrue(engine.backend().detail().startsWith("threads=1"), engine.backend().toString());
        System.out.println("torch backend: " + engine.backend());
    }
}
