package dev.robust.engine;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an engine without levers or bf16 does with a {@link Compute} it cannot honour in full. */
class EngineComputeTest {
    private final PlainEngine engine = new PlainEngine();
    private final ModelSpec spec = ModelSpec.of("smallcnn", 32, 10, 1);

    @Test
    void aPrecisionItLacksRunsInFp32() {
        engine.create(spec, Compute.of(Precision.BF16));
        engine.create(spec, Compute.of(Precision.FP32));
        engine.create(spec, Compute.BASELINE);
        assertEquals(3, engine.created, "every request builds the plain model");
    }

    @Test
    void leversAskedForByNameAreRefusedNamingThem() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> engine.create(spec, new Compute(Precision.FP32, Optional.of(Set.of("channels-last")))));
        assertTrue(error.getMessage().contains("channels-last"), error.getMessage());
        assertEquals(0, engine.created);
    }

    /** The least an engine is: it counts the plain models it builds. */
    private static final class PlainEngine implements Engine {
        int created;

        @Override
        public String name() {
            return "plain";
        }

        @Override
        public BackendDescription backend() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> architectures() {
            return List.of("smallcnn");
        }

        @Override
        public Model create(ModelSpec spec) {
            created++;
            return null;
        }

        @Override
        public String checkpointFormat() {
            return "none";
        }

        @Override
        public Model load(Path checkpoint) {
            throw new UnsupportedOperationException();
        }
    }
}
