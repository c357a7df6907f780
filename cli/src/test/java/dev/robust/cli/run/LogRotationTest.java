package dev.robust.cli.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class LogRotationTest {
    @TempDir
    Path dir;

    @Test
    void earlierLogsMoveDownTheNumbersAndAreNeverTruncated() throws IOException {
        Path log = dir.resolve("trainer-service.log");
        for (int start = 1; start <= 3; start++) {
            LogRotation.rotate(log);
            Files.writeString(log, "start " + start);
        }
        assertEquals("start 3", Files.readString(log));
        assertEquals("start 2", Files.readString(LogRotation.numbered(log, 1)));
        assertEquals("start 1", Files.readString(LogRotation.numbered(log, 2)));
        assertFalse(Files.exists(LogRotation.numbered(log, 3)));
    }

    @Test
    void onlyLogsBeyondTheKeptNumberAreDeleted() throws IOException {
        Path log = dir.resolve("eval-service.log");
        for (int start = 1; start <= LogRotation.KEPT + 2; start++) {
            LogRotation.rotate(log);
            Files.writeString(log, "start " + start);
        }
        assertEquals("start 2", Files.readString(LogRotation.numbered(log, LogRotation.KEPT)));
        assertFalse(Files.exists(LogRotation.numbered(log, LogRotation.KEPT + 1)));
    }

    @Test
    void aFirstStartHasNothingToRotate() throws IOException {
        Path log = dir.resolve("augment-service.log");
        LogRotation.rotate(log);
        assertFalse(Files.exists(LogRotation.numbered(log, 1)));
    }
}
