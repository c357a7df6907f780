package dev.robust.augment.ingest;

import dev.robust.augment.config.AugmentSettings;
import dev.robust.common.InvalidFieldException;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The only directory REST requests may read from ({@code robust.augment.data-root}). A requested path, relative or
 * absolute, is resolved under it; one that leaves it — by {@code ..}, an absolute path elsewhere, or a symbolic
 * link pointing out — is refused, so a caller cannot make the service read arbitrary files.
 */
@ApplicationScoped
public class DataRoot {
    private final Path root;

    DataRoot(AugmentSettings settings) {
        this.root = Path.of(settings.dataRoot()).toAbsolutePath().normalize();
    }

    /** Resolves {@code requested} (the value of request field {@code field}) under the root, or refuses it. */
    public Path resolve(String field, String requested) {
        if (requested == null || requested.isBlank()) {
            throw new InvalidFieldException(field, field + " must name a path under the data root");
        }
        Path candidate;
        try {
            candidate = root.resolve(requested).normalize();
        } catch (InvalidPathException e) {
            throw new InvalidFieldException(field, field + " '" + requested + "' is not a valid path: " + e.getReason());
        }
        if (!candidate.startsWith(root) || (Files.exists(candidate) && !realPathUnderRoot(candidate))) {
            throw new InvalidFieldException(field, field + " '" + requested + "' is outside the data root " + root);
        }
        return candidate;
    }

    private boolean realPathUnderRoot(Path candidate) {
        try {
            return candidate.toRealPath().startsWith(root.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }
}
