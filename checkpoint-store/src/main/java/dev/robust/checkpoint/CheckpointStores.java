package dev.robust.checkpoint;

import dev.robust.checkpoint.s3.S3CheckpointStore;
import dev.robust.checkpoint.s3.S3Location;
import dev.robust.common.checkpoint.CheckpointStore;
import dev.robust.common.checkpoint.FileCheckpointStore;

import java.net.URI;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Opens the checkpoint store a service's setting names. */
public final class CheckpointStores {
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");

    private CheckpointStores() {
    }

    /**
     * The store at {@code location}: {@code s3://<bucket>[/<prefix>][?…]} (see {@link S3Location}), a
     * {@code file:} URI, or a plain directory path (relative to the working directory).
     *
     * @throws IllegalArgumentException  when the location has another scheme or is malformed
     * @throws dev.robust.common.checkpoint.CheckpointStoreException when a directory store cannot be written
     */
    public static CheckpointStore open(String location) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("the checkpoint store location is empty; expected a directory, "
                    + "file:/<dir> or s3://<bucket>/<prefix>");
        }
        var scheme = SCHEME.matcher(location);
        // One letter before ':' is a Windows drive, not a scheme.
        if (!scheme.find() || scheme.group(1).length() == 1) {
            return FileCheckpointStore.open(Path.of(location));
        }
        return switch (scheme.group(1).toLowerCase()) {
            case S3Location.SCHEME -> S3CheckpointStore.open(S3Location.parse(location));
            case "file" -> FileCheckpointStore.open(Path.of(URI.create(location)));
            default -> throw new IllegalArgumentException("the checkpoint store location has the scheme '"
                    + scheme.group(1) + ":', which no store handles; expected a directory, file:/<dir> or "
                    + "s3://<bucket>/<prefix>");
        };
    }
}
