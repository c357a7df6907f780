package dev.robust.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A command-line tool the checks use when it is installed (kubectl, docker-compose, docker compose). */
final class ExternalCommand {

    /** Exit status and the merged stdout/stderr of one run. */
    record Result(int exitCode, String output) {
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    private ExternalCommand() {
    }

    /** Whether {@code command} runs and exits 0, e.g. {@code kubectl version --client}. */
    static boolean works(List<String> command) {
        try {
            return run(command, RepositoryFiles.root(), Duration.ofSeconds(30)).succeeded();
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** Runs {@code command} in {@code directory}; a tool that cannot be started or hangs is an error. */
    static Result run(List<String> command, Path directory, Duration timeout) {
        return run(command, directory, Map.of(), timeout);
    }

    /** As above, with {@code environment} added to this process's environment. */
    static Result run(List<String> command, Path directory, Map<String, String> environment, Duration timeout) {
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
        // Read while it runs: a tool with more output than the pipe buffer would otherwise block forever.
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
            }
            return new Result(process.exitValue(), output.join());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }

    private static String readAll(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }
}
