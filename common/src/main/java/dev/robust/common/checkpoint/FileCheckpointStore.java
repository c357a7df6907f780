package dev.robust.common.checkpoint;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The checkpoint store as files under one root directory (a local directory, a shared volume or a PVC).
 *
 * <p>A file appears whole or not at all: it is written to a temporary file in the same directory, flushed to disk,
 * hashed, and renamed into place atomically, so a reader never sees half a file and a crash leaves at most a
 * {@code .tmp} file behind.
 */
public final class FileCheckpointStore implements CheckpointStore {
    private static final String TEMP_SUFFIX = ".tmp";

    private final Path root;

    private FileCheckpointStore(Path root) {
        this.root = root;
    }

    /**
     * Opens the store at {@code root}, creating the directory if needed.
     *
     * @throws CheckpointStoreException when the root cannot be created or written to; the message names the path
     */
    public static FileCheckpointStore open(Path root) {
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
        return new FileCheckpointStore(absolute);
    }

    public Path root() {
        return root;
    }

    @Override
    public String location() {
        return root.toUri().toString();
    }

    @Override
    public StoredCheckpoint write(String runId, String checkpointId, String extension, Content content) {
        String uri = CheckpointStore.uri(runId, checkpointId, extension);
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
            StoredCheckpoint stored = StoredCheckpoint.of(uri, temp);
            moveIntoPlace(temp, target);
            return stored;
        } catch (IOException e) {
            throw new CheckpointStoreException("cannot write checkpoint " + target + ": " + describe(e), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    @Override
    public Optional<StoredCheckpoint> find(String runId, String checkpointId, String extension) {
        String uri = CheckpointStore.uri(runId, checkpointId, extension);
        Path path = root.resolve(uri);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try {
            return Optional.of(StoredCheckpoint.of(uri, path));
        } catch (IOException e) {
            throw new CheckpointStoreException("cannot read checkpoint " + path + ": " + describe(e), e);
        }
    }

    @Override
    public void discardUnpublished(String runId, String checkpointId, String extension) {
        Path path = root.resolve(CheckpointStore.uri(runId, checkpointId, extension));
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new CheckpointStoreException("cannot delete unpublished checkpoint " + path + ": " + describe(e), e);
        }
    }

    @Override
    public <T> Optional<T> read(String runId, String checkpointId, String extension, Reader<T> reader) {
        Path path = root.resolve(CheckpointStore.uri(runId, checkpointId, extension));
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try {
            return Optional.of(reader.readFrom(path));
        } catch (IOException e) {
            throw new CheckpointStoreException("cannot read " + path + ": " + describe(e), e);
        }
    }

    @Override
    public <T> T readVerified(String uri, String expectedSha256, long expectedBytes, Reader<T> reader) {
        Path path = resolve(uri);
        try {
            StoredCheckpoint.requireMatch(StoredCheckpoint.of(uri, path), expectedSha256, expectedBytes,
                    path.toString());
            return reader.readFrom(path);
        } catch (NoSuchFileException e) {
            throw new CheckpointVerificationException("checkpoint " + uri + " is not in the store (looked for "
                    + path + "); is the eval-service's store root the trainer's volume?");
        } catch (IOException e) {
            throw new CheckpointStoreException("cannot read checkpoint " + path + ": " + describe(e), e);
        }
    }

    @Override
    public List<String> runIds() {
        List<String> runs = new ArrayList<>();
        try (Stream<Path> entries = Files.list(root)) {
            entries.filter(Files::isDirectory).forEach(dir -> runs.add(dir.getFileName().toString()));
        } catch (IOException e) {
            throw new CheckpointStoreException("cannot list the checkpoint store " + root + ": " + describe(e), e);
        }
        return runs;
    }

    /** The file a store-relative uri names; uris that would leave the root are rejected. */
    public Path resolve(String uri) {
        CheckpointStore.requireStoreUri(uri);
        return root.resolve(uri);
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
