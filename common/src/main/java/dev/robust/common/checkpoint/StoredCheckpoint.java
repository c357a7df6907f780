package dev.robust.common.checkpoint;

import java.nio.file.Path;

/**
 * A checkpoint file in the store.
 *
 * @param uri    where it is, relative to the store root ({@code <runId>/<checkpointId>.<ext>}); this goes into
 *               {@code CheckpointCreated.uri}
 * @param path   the file on this machine (the store root resolved with {@code uri})
 * @param sha256 lower-case hex SHA-256 of the file's bytes
 * @param bytes  the file's length
 */
public record StoredCheckpoint(String uri, Path path, String sha256, long bytes) {
}
