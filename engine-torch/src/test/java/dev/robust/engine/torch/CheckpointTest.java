package dev.robust.engine.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robust.engine.Batch;
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

class CheckpointTest {

    private final Engine engine = Engines.named("torch");

    @Test
    void loadedModelPredictsExactlyAsSavedAndTrainsOnIdentically(@TempDir Path dir) throws IOException {
        ModelSpec spec = new ModelSpec("smallcnn", 16, 16, 3, 10, 3);
        Model original = engine.create(spec);
        Batch batch = SyntheticBatches.colouredSquares(8, 16, 1);
        original.trainTeacher(batch);
        original.trainTeacher(batch);
        original.setLearningRate(5e-4);
        Path file = dir.resolve("smallcnn.zip");

        original.save(file);
        Model loaded = engine.load(file);

        assertEquals(spec, loaded.spec());
        assertEquals(5e-4, loaded.learningRate(), 1e-12);
        assertArrayEquals(original.parameters(), loaded.parameters());
        assertArrayEquals(original.predict(batch).values(), loaded.predict(batch).values());
        // Adam's step count and moments travel with the checkpoint, so the next steps are the same steps.
        for (int step = 0; step < 2; step++) {
            assertEquals(original.trainTeacher(batch), loaded.trainTeacher(batch), 1e-6);
        }
        assertArrayEquals(original.parameters(), loaded.parameters(), 1e-6f);
    }

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

    @Test
    void missingOrForeignFilesFailWithTheirPath(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.zip");
        var notThere = assertThrows(IOException.class, () -> engine.load(missing));
        assertTrue(notThere.getMessage().contains(missing.toString()), notThere.getMessage());
        Path foreign = Files.writeString(dir.resolve("foreign.zip"), "not a zip");
        var notOurs = assertThrows(IOException.class, () -> engine.load(foreign));
        assertTrue(notOurs.getMessage().contains(foreign.toString()), notOurs.getMessage());
    }
}
