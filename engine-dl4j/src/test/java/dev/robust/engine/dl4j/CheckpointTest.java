package dev.robust.engine.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.robust.engine.Batch;
import dev.robust.engine.Engine;
import dev.robust.engine.Engines;
import dev.robust.engine.Model;
import dev.robust.engine.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    private final Engine engine = Engines.named("dl4j");

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
        // Adam's moments travel with the checkpoint, so the next step is the same step.
        assertEquals(original.trainTeacher(batch), loaded.trainTeacher(batch), 1e-6);
        assertArrayEquals(original.parameters(), loaded.parameters(), 1e-6f);
    }

    @Test
    void missingOrForeignFilesFailWithTheirPath(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.zip");
        assertEquals(missing.toString(), messagePath(assertThrows(IOException.class, () -> engine.load(missing)), missing));
        Path foreign = Files.writeString(dir.resolve("foreign.zip"), "not a zip");
        assertEquals(foreign.toString(), messagePath(assertThrows(IOException.class, () -> engine.load(foreign)), foreign));
    }

    private static String messagePath(IOException error, Path expected) {
        return error.getMessage().contains(expected.toString()) ? expected.toString() : error.getMessage();
    }
}
