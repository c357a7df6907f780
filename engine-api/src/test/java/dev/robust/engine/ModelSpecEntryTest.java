package dev.robust.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelSpecEntryTest {

    private static final Path CHECKPOINT = Path.of("runs", "r1", "teacher.zip");

    @Test
    void rectangularSpecReadsBackAsWritten() throws IOException {
        ModelSpec spec = new ModelSpec("resnet50v2", 72, 96, 1, 100, -7_000_000_000L);
        assertEquals(spec, ModelSpecEntry.read(ModelSpecEntry.write(spec), CHECKPOINT));
    }

    @Test
    void textIsPropertiesNamingEveryField() {
        String text = ModelSpecEntry.write(ModelSpec.of("smallcnn", 32, 10, 42));
        for (String line : new String[] {"architecture=smallcnn", "height=32", "width=32", "channels=3", "classes=10",
                "seed=42"}) {
            assertTrue(text.lines().anyMatch(line::equals), line + " missing from\n" + text);
        }
    }

    @Test
    void missingEntryNamesTheCheckpointAndTheEntry() {
        var error = assertThrows(IOException.class, () -> ModelSpecEntry.read(null, CHECKPOINT));
        assertEquals("checkpoint " + CHECKPOINT + " has no robust-model-spec entry; it was not written by this engine",
                error.getMessage());
    }

    @Test
    void fieldThatIsNotANumberIsRejectedWithTheText() {
        String text = "architecture=smallcnn\nheight=tall\nwidth=32\nchannels=3\nclasses=10\nseed=1\n";
        var error = assertThrows(IOException.class, () -> ModelSpecEntry.read(text, CHECKPOINT));
        assertEquals("checkpoint " + CHECKPOINT + " has an unreadable robust-model-spec entry: " + text,
                error.getMessage());
        assertInstanceOf(NumberFormatException.class, error.getCause());
    }

    @Test
    void missingFieldIsRejected() {
        String text = "architecture=smallcnn\nheight=32\nwidth=32\nchannels=3\nseed=1\n";
        var error = assertThrows(IOException.class, () -> ModelSpecEntry.read(text, CHECKPOINT));
        assertTrue(error.getMessage().contains(CHECKPOINT.toString()), error.getMessage());
    }

    @Test
    void invalidSpecIsRejectedWithTheSpecsOwnReason() {
        String text = ModelSpecEntry.write(ModelSpec.of("smallcnn", 32, 10, 1)).replace("classes=10", "classes=1");
        var error = assertThrows(IOException.class, () -> ModelSpecEntry.read(text, CHECKPOINT));
        assertInstanceOf(IllegalArgumentException.class, error.getCause());
        assertEquals("classes must be at least 2, got 1", error.getCause().getMessage());
    }
}
