package dev.robust.common.checkpoint;

import dev.robust.common.event.ModelKind;
import dev.robust.common.event.ModelRole;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checkpoints as files under one root directory (a local directory, a shared volume or a PVC), laid out as
 * {@code <root>/<runId>/<checkpointId>.<ext>}.
 *
 * <p>A checkpoint appears whole or not at all: it is written to a temporary file in the same directory, flushed to
 * disk, hashed, and renamed into place atomically, so a reader never sees half a file and a crash leaves at most a
 * {@code .tmp} file behind.
 *
 * <p>The {@code uri} of a checkpoint is its path <em>relative to the store root</em> ({@code r42/r42-teacher-3.zip}),
 * not an absolute {@code file:} URI: the trainer and the eval-service may mount the same volume at different places
 * (docker, Kubernetes), so each resolves the uri against its own configured root.
 */
public final class CheckpointStore {
    /** Ids become file and directory names and record-key parts: no separators, no leading dot. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final String TEMP_SUFFIX = ".tmp";

    /** How the caller puts the content into the (temporary) file the store gives it. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path file) throws IOException;
    }

    private final Path root;

    private CheckpointStore(Path root) {
        this.root = root;
    }

    /**
     * Opens the store at {@code root}, creating the directory if needed.
     *
     * @throws CheckpointStoreException when the root cannot be created or written to; the message names the path
     */
    public static CheckpointStore open(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
            // Files.isWritable trusts permission bits, which say nothing for root users or read-only mounts:
            // only an actual write tells.
            Path probe = Files.createTempFile(absolute, ".write-probe-", TEMP_SUFFIX);
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new CheckpointStoreException("checkpoint store root " + absolute + " is not a writable directory ("
                    + describe(e) + "); point the store setting at a directory this process can write", e);
        }
        return new CheckpointStore(absolute);
    }

    /** The id of the checkpoint of {@code runId}'s {@code role} after {@code epoch}: {@code <run>-<role>-<epoch>}. */
    public static String checkpointId(String runId, ModelRole role, int epoch) {
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
    public static String checkpointId(String runId, ModelRole role, int epoch, ModelKind kind) {
        String id = checkpointId(runId, role, epoch);
        return kind == ModelKind.RAW ? id + "-" + kind.id() : id;
    }

    public Path root() {
        return root;
    }

    /** The store-relative uri of a checkpoint: {@code <runId>/<checkpointId>.<extension>}. */
    public static String uri(String runId, String checkpointId, String extension) {
        requireSafeName("run id", runId);
        requireSafeName("checkpoint id", checkpointId);
        requireSafeName("extension", extension);
        return runId + "/" + checkpointId + "." + extension;
    }

    /**
     * Writes a new checkpoint. {@code content} writes the temporary file; the store then flushes it to disk,
     * computes its SHA-256 and length in one read pass, and renames it into place.
     *
     * @throws CheckpointStoreException when the target already exists (a checkpoint is never replaced, so two
     *                                  different files never carry the same id) or writing fails
     */
    public StoredCheckpoint write(String runId, String checkpointId, String extension, Content content) {
        String uri = uri(runId, checkpointId, extension);
        Path target = root.resolve(uri);
        if (Files.exists(target)) {
            throw new CheckpointStoreException("checkpoint " + target + " already exists; a checkpoint id is "
                    + "written once (use find() to reuse it)");
        }
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempFile(target.getParent(), "." + checkpointId + "-", TEMP_SUFFIX);
            content.writeTo(temp);
            makeReadableByOthers(temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            StoredCheckpoint stored = hash(uri, temp);
            moveIntoPlace(temp, target);
            return new StoredCheckpoint(uri, target, stored.sha256(), stored.bytes());
        } catch (IOException e) {
            throw new CheckpointStoreException("cannot write checkpoint " + target + ": " + describe(e), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** The checkpoint at {@code <runId>/<checkpointId>.<extension>} with its hash, if it exists. */
    public Optional<StoredCheckpoint> find(String runId, String checkpointId, String extension) {
        String uri = uri(runId, checkpointId, extension);
        Path path = root.resolve(uri);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try {
            return Optional.of(hash(uri, path));
        } catch (IOException e) {
            throw new CheckpointStoreException("cannot read checkpoint " + path + ": " + describe(e), e);
        }
    }

    /**
     * Deletes a file the writer never announced (e.g. a checkpoint whose claim check a crash kept from being
     * published), so that its id can be written again. Never call it for a published checkpoint.
     */
    public void discardUnpublished(String runId, String checkpointId, String extension) {
        Path path = root.resolve(uri(runId, checkpointId, extension));
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new CheckpointStoreException("cannot delete unpublished checkpoint " + path + ": " + describe(e), e);
        }
    }

    /**
     * Resolves a claim check's uri against this store's root and checks the file's length and SHA-256.
     *
     * @return the verified checkpoint, ready to load from {@link StoredCheckpoint#path()}
     * @throws CheckpointVerificationException when the file is missing or its bytes differ from the claim
     */
    public StoredCheckpoint verify(String uri, String expectedSha256, long expectedBytes) {
        Path path = resolve(uri);
        StoredCheckpoint actual;
        try {
            actual = hash(uri, path);
        } catch (NoSuchFileException e) {
            throw new CheckpointVerificationException("checkpoint " + uri + " is not in the store (looked for "
                    + path + "); is the eval-service's store root the trainer's volume?");
        } catch (IOException e) {
            throw new CheckpointStoreException("cannot read checkpoint " + path + ": " + describe(e), e);
        }
        if (actual.bytes() != expectedBytes || !actual.sha256().equalsIgnoreCase(expectedSha256)) {
            throw new CheckpointVerificationException("checkpoint " + path + " does not match its claim check: "
                    + "expected " + expectedBytes + " bytes with sha256 " + expectedSha256 + ", found "
                    + actual.bytes() + " bytes with sha256 " + actual.sha256());
        }
        return actual;
    }

    /** The file a store-relative uri names; uris that would leave the root are rejected. */
    public Path resolve(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("checkpoint uri must not be empty");
        }
        Path path = root.resolve(uri).normalize();
        if (Path.of(uri).isAbsolute() || !path.startsWith(root)) {
            throw new IllegalArgumentException("checkpoint uri '" + uri + "' must be relative to the store root "
                    + "and stay inside it (e.g. run-1/run-1-teacher-0.zip)");
        }
        return path;
    }

    private static StoredCheckpoint hash(String uri, Path path) throws IOException {
        MessageDigest digest = sha256();
        long bytes = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(path)) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
                bytes += read;
            }
        }
        return new StoredCheckpoint(uri, path, HexFormat.of().formatHex(digest.digest()), bytes);
    }

    /**
     * Temp files are created owner-only; the eval-service may read the store as another user (a shared volume
     * or PVC), so a checkpoint becomes {@code rw-r--r--} where the file system has POSIX permissions.
     */
    private static void makeReadableByOthers(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the store's file system cannot rename atomically; use a local or POSIX volume", e);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("another writer created " + target + " at the same time", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    private static void requireSafeName(String what, String value) {
        if (value == null || !SAFE_NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be letters, digits, '_', '.' or '-' (not starting with "
                    + "'.' or '-'), got '" + value + "'");
        }
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // Only a leftover temp file; the next write uses a fresh name.
        }
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
