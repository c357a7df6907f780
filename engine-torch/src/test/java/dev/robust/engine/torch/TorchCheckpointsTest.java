package dev.robust.engine.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.robust.engine.Engine;
import dev.robust.engine.Engines;
import dev.robust.engine.Model;
import dev.robust.engine.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link TorchCheckpoints} adds to the engine contract's round trip: one atomic replacement. */
class TorchCheckpointsTest {

    private final Engine engine = Engines.named("torch");

    @Test
    void savingReplacesAnEarlierFileAndLeavesNoTemporaryFiles(@TempDir Path dir) throws IOException {
        Model model = engine.create(ModelSpec.of("smallcnn", 8, 10, 1));
        Path file = dir.resolve("latest.zip");
        Files.writeString(file, "an older checkpoint");

        model.save(file);

        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
        assertArrayEquals(model.parameters(), engine.load(file).parameters());
    }
}
