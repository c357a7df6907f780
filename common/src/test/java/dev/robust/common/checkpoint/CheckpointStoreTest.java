package dev.robust.common.checkpoint;

import dev.robust.common.event.ModelKind;
import dev.robust.common.event.ModelRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointStoreTest {
    private static final byte[] CONTENT = "weights of epoch 3".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void checkpointIdJoinsRunRoleAndEpochWithoutSlashes() {
        assertEquals("r42-teacher-3", CheckpointStore.checkpointId("r42", ModelRole.TEACHER, 3));
        assertEquals("r42-student-0", CheckpointStore.checkpointId("r42", ModelRole.STUDENT, 0));
        assertEquals("r42-teacher-3-raw", CheckpointStore.checkpointId("r42", ModelRole.TEACHER, 3, ModelKind.RAW));
        assertEquals("r42-teacher-3", CheckpointStore.checkpointId("r42", ModelRole.TEACHER, 3, ModelKind.SWA));
        assertThrows(IllegalArgumentException.class, () -> CheckpointStore.checkpointId("a/b", ModelRole.TEACHER, 1));
        assertThrows(IllegalArgumentException.class, () -> CheckpointStore.checkpointId("r1", ModelRole.TEACHER, -1));
    }

    @Test
    void writesUnderRunDirectoryWithHashAndLengthOfTheBytes() throws Exception {
        CheckpointStore store = CheckpointStore.open(dir.resolve("store"));
        StoredCheckpoint stored = store.write("r1", "r1-teacher-3", "zip", file -> Files.write(file, CONTENT));

        assertEquals("r1/r1-teacher-3.zip", stored.uri());
        Path file = dir.resolve("store/r1/r1-teacher-3.zip");
        assertArrayEquals(CONTENT, Files.readAllBytes(file));
        assertEquals(CONTENT.length, stored.bytes());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(CONTENT)), stored.sha256());
        try (Stream<Path> files = Files.list(dir.resolve("store/r1"))) {
            assertEquals(1, files.count(), "no temp file is left behind");
        }
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file)), "readable by the eval-service's user");
    }

    @Test
    void anotherRootOnTheSameVolumeVerifiesTheRelativeUri() {
        CheckpointStore trainer = CheckpointStore.open(dir);
        StoredCheckpoint stored = trainer.write("r1", "r1-student-0", "zip", file -> Files.write(file, CONTENT));

        CheckpointStore eval = CheckpointStore.open(Path.of(dir.toString() + "/./"));
        byte[] read = eval.readVerified(stored.uri(), stored.sha256().toUpperCase(), stored.bytes(),
                Files::readAllBytes);
        assertArrayEquals(CONTENT, read);
    }

    @Test
    void verificationRejectsChangedAndMissingFiles() throws Exception {
        FileCheckpointStore store = CheckpointStore.open(dir);
        StoredCheckpoint stored = store.write("r1", "r1-teacher-0", "zip", file -> Files.write(file, CONTENT));
        byte[] tampered = CONTENT.clone();
        tampered[0] ^= 1;
        Files.write(store.resolve(stored.uri()), tampered);

        var mismatch = assertThrows(CheckpointVerificationException.class,
                () -> store.readVerified(stored.uri(), stored.sha256(), stored.bytes(), Files::readAllBytes));
        assertTrue(mismatch.getMessage().contains(stored.sha256()), mismatch.getMessage());
        assertThrows(CheckpointVerificationException.class,
                () -> store.readVerified("r1/r1-teacher-9.zip", stored.sha256(), stored.bytes(), Files::size));
    }

    @Test
    void neverReplacesAnExistingCheckpointAndFindsIt() {
        CheckpointStore store = CheckpointStore.open(dir);
        StoredCheckpoint first = store.write("r1", "r1-teacher-1", "zip", file -> Files.write(file, CONTENT));

        assertThrows(CheckpointStoreException.class,
                () -> store.write("r1", "r1-teacher-1", "zip", file -> Files.write(file, new byte[] {1})));
        assertEquals(first, store.find("r1", "r1-teacher-1", "zip").orElseThrow());
        assertFalse(store.find("r1", "r1-teacher-2", "zip").isPresent());

        store.discardUnpublished("r1", "r1-teacher-1", "zip");
        assertFalse(store.find("r1", "r1-teacher-1", "zip").isPresent());
        store.write("r1", "r1-teacher-1", "zip", file -> Files.write(file, new byte[] {1}));
    }

    @Test
    void readsWhatWasWrittenAndListsTheRuns() {
        CheckpointStore store = CheckpointStore.open(dir);
        store.write("r1", "r1", "outcome.json", file -> Files.write(file, CONTENT));
        store.write("r2", "r2-teacher-0", "zip", file -> Files.write(file, CONTENT));

        assertArrayEquals(CONTENT, store.read("r1", "r1", "outcome.json", Files::readAllBytes).orElseThrow());
        assertEquals(Optional.empty(), store.read("r1", "r1", "outcome.published", Files::readAllBytes));
        assertEquals(List.of("r1", "r2"), store.runIds().stream().sorted().toList());
    }

    @Test
    void failedContentLeavesNothingBehind() throws Exception {
        CheckpointStore store = CheckpointStore.open(dir);
        assertThrows(CheckpointStoreException.class, () -> store.write("r1", "r1-teacher-1", "zip", file -> {
            throw new java.io.IOException("disk full");
        }));
        try (Stream<Path> files = Files.list(dir.resolve("r1"))) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void rootThatIsNotADirectoryFailsFastNamingThePath() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        var e = assertThrows(CheckpointStoreException.class, () -> CheckpointStore.open(file.resolve("store")));
        assertTrue(e.getMessage().contains(file.resolve("store").toString()), e.getMessage());
    }

    @Test
    void urisMayNotLeaveTheRoot() {
        FileCheckpointStore store = CheckpointStore.open(dir.resolve("store"));
        assertThrows(IllegalArgumentException.class, () -> store.resolve("../outside.zip"));
        assertThrows(IllegalArgumentException.class, () -> store.resolve("/etc/passwd"));
        assertThrows(IllegalArgumentException.class,
                () -> store.readVerified("r1/../../outside.zip", "00", 1, Files::size));
    }
}
