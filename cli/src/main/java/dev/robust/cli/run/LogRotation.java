package dev.robust.cli.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Keeps the logs of earlier starts of a process: before {@code name.log} is written afresh, the one there becomes
 * {@code name.log.1}, an earlier {@code name.log.1} becomes {@code name.log.2}, and so on up to {@link #KEPT}; only
 * a log older than that is deleted. A restarted stack or service therefore never truncates the log that says why
 * the previous process ended.
 */
final class LogRotation {
    /** Earlier logs kept per file. */
    static final int KEPT = 9;

    private LogRotation() {
    }

    static void rotate(Path log) throws IOException {
        if (!Files.exists(log)) return;
        Files.deleteIfExists(numbered(log, KEPT));
        for (int n = KEPT - 1; n >= 1; n--) {
            Path older = numbered(log, n);
            if (Files.exists(older)) Files.move(older, numbered(log, n + 1), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(log, numbered(log, 1), StandardCopyOption.REPLACE_EXISTING);
    }

    static Path numbered(Path log, int n) {
        return log.resolveSibling(log.getFileName() + "." + n);
    }
}
