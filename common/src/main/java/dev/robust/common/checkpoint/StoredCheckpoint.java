package dev.robust.common.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file in the checkpoint store.
 *
 * @param uri    where it is, relative to the store root ({@code <runId>/<checkpointId>.<ext>}); this goes into
 *               {@code CheckpointCreated.uri}
 * @param sha256 lower-case hex SHA-256 of the file's bytes
 * @param bytes  the file's length
 */
public record StoredCheckpoint(String uri, String sha256, long bytes) {

    /** The SHA-256 and length of {@code file}, read once, as the checkpoint at {@code uri}. */
    public static StoredCheckpoint of(String uri, Path file) throws IOException {
        MessageDigest digest = sha256Digest();
        long bytes = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
                bytes += read;
            }
        }
        return new StoredCheckpoint(uri, HexFormat.of().formatHex(digest.digest()), bytes);
    }

    /**
     * Checks {@code actual} (the bytes found) against a claim check.
     *
     * @param where the file or object, for the message
     * @throws CheckpointVerificationException when length or hash differ
     */
    public static void requireMatch(StoredCheckpoint actual, String expectedSha256, long expectedBytes,
                                    String where) {
        if (actual.bytes() != expectedBytes || !actual.sha256().equalsIgnoreCase(expectedSha256)) {
            throw new CheckpointVerificationException("checkpoint " + where + " does not match its claim check: "
                    + "expected " + expectedBytes + " bytes with sha256 " + expectedSha256 + ", found "
                    + actual.bytes() + " bytes with sha256 " + actual.sha256());
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
