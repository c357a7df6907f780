package dev.robust.common.checkpoint;

import dev.robust.common.event.ModelKind;
import dev.robust.common.event.ModelRole;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the trainer keeps checkpoints (and its run journal) and the eval-service finds them, laid out as
 * {@code <runId>/<checkpointId>.<ext>} under the store's root: a directory ({@link FileCheckpointStore}) or a bucket
 * prefix on object storage (module checkpoint-store).
 *
 * <p>A stored file appears whole or not at all, and is never replaced. Its {@code uri} is relative to the store's
 * root ({@code r42/r42-teacher-3.zip}): that is what the claim check carries, so the trainer and the eval-service may
 * see the same store at different places (two mounts of one volume, one bucket behind two endpoints).
 *
 * <p>Content goes in and comes out through local files: engines save to and load from a {@link Path}, so a remote
 * store uploads the file the engine wrote and downloads into a temporary file it deletes after the read.
 */
public interface CheckpointStore extends AutoCloseable {
    /** Ids become file names, object keys and record-key parts: no separators, no leading dot. */
    Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    /** How the caller puts the content into the (temporary) file the store gives it. */
    @FunctionalInterface
    interface Content {
        void writeTo(Path file) throws IOException;
    }

    /** How the caller reads a stored file; the file may be a temporary copy that is deleted afterwards. */
    @FunctionalInterface
    interface Reader<T> {
        T readFrom(Path file) throws IOException;
    }

    /** The directory store at {@code root}, created if needed (see {@link FileCheckpointStore#open(Path)}). */
    static FileCheckpointStore open(Path root) {
        return FileCheckpointStore.open(root);
    }

    /** The id of the checkpoint of {@code runId}'s {@code role} after {@code epoch}: {@code <run>-<role>-<epoch>}. */
    static String checkpointId(String runId, ModelRole role, int epoch) {
        requireSafeName("run id", runId);
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must not be negative, got " + epoch);
        }
        return runId + "-" + role.id() + "-" + epoch;
    }

    /**
     * The id of a checkpoint of {@code kind}: the raw teacher shares its epoch with the SWA teacher, so its id gets
     * a suffix, {@code <run>-teacher-<epoch>-raw}; every other kind (and none, from older builds) keeps
     * {@link #checkpointId(String, ModelRole, int)}.
     */
    static String checkpointId(String runId, ModelRole role, int epoch, ModelKind kind) {
        String id = checkpointId(runId, role, epoch);
        return kind == ModelKind.RAW ? id + "-" + kind.id() : id;
    }

    /** The store-relative uri of a checkpoint: {@code <runId>/<checkpointId>.<extension>}. */
    static String uri(String runId, String checkpointId, String extension) {
        requireSafeName("run id", runId);
        requireSafeName("checkpoint id", checkpointId);
        requireSafeName("extension", extension);
        return runId + "/" + checkpointId + "." + extension;
    }

    /**
     * Checks that a claim check's uri is store-relative, {@code <runId>/<file>}, so that it cannot name anything
     * outside the store.
     */
    static void requireStoreUri(String uri) {
        String[] parts = uri == null ? new String[0] : uri.split("/", -1);
        if (parts.length != 2 || !SAFE_NAME.matcher(parts[0]).matches() || !SAFE_NAME.matcher(parts[1]).matches()) {
            throw new IllegalArgumentException("checkpoint uri '" + uri + "' must be relative to the store root "
                    + "and stay inside it (e.g. run-1/run-1-teacher-0.zip)");
        }
    }

    static void requireSafeName(String what, String value) {
        if (value == null || !SAFE_NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be letters, digits, '_', '.' or '-' (not starting with "
                    + "'.' or '-'), got '" + value + "'");
        }
    }

    /** Where the store is, for messages: {@code file:/data/checkpoints}, {@code s3://bucket/prefix}; no secrets. */
    String location();

    /**
     * Writes a new file. {@code content} writes a local temporary file; the store hashes it and puts it in place in
     * one step, so a reader never sees part of it and a failure leaves nothing under the final name.
     *
     * @throws CheckpointStoreException when the target already exists (a checkpoint is never replaced, so two
     *                                  different files never carry the same id) or writing fails
     */
    StoredCheckpoint write(String runId, String checkpointId, String extension, Content content);

    /** The file at {@code <runId>/<checkpointId>.<extension>} with its hash and length, if it exists. */
    Optional<StoredCheckpoint> find(String runId, String checkpointId, String extension);

    /**
     * Deletes a file the writer never announced (e.g. a checkpoint whose claim check a crash kept from being
     * published), so that its id can be written again. Never call it for a published checkpoint.
     */
    void discardUnpublished(String runId, String checkpointId, String extension);

    /** Reads the file at {@code <runId>/<checkpointId>.<extension>}; empty when there is none. */
    <T> Optional<T> read(String runId, String checkpointId, String extension, Reader<T> reader);

    /**
     * Reads the file a claim check names after checking its length and SHA-256 against the claim.
     *
     * @throws CheckpointVerificationException when the file is missing or its bytes differ from the claim
     * @throws IllegalArgumentException        when {@code uri} is not a store-relative uri
     */
    <T> T readVerified(String uri, String expectedSha256, long expectedBytes, Reader<T> reader);

    /** The runs that have anything in the store (the first segment of every uri), in no particular order. */
    List<String> runIds();

    /** Releases the store's connections, if it has any. */
    @Override
    default void close() {
    }
}
