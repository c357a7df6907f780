package dev.robust.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A compose {@code env_file}: {@code KEY=value} lines, {@code #} comments and blank lines ignored. */
final class EnvFile {
    private EnvFile() {
    }

    static Map<String, String> read(Path file) {
        Map<String, String> variables = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] parts = line.split("=", 2);
                if (parts.length != 2) throw new AssertionError(file + ": not KEY=value: " + line);
                variables.put(parts[0], parts[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return variables;
    }
}
