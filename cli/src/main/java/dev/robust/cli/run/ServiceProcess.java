package dev.robust.cli.run;

import dev.robust.common.process.ParentWatch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service running as a child process ({@code java -jar quarkus-run.jar}), its output in a log file. Stopping
 * asks politely first (SIGTERM lets Quarkus close its Kafka clients), then forcibly, so no process outlives the run.
 */
public final class ServiceProcess {
    private static final Duration READY_POLL = Duration.ofMillis(500);
    static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final int LOG_TAIL_LINES = 30;

    private final Service service;
    private final Process process;
    private final Path log;
    private final URI baseUri;

    private ServiceProcess(Service service, Process process, Path log, URI baseUri) {
        this.service = service;
        this.process = process;
        this.log = log;
        this.baseUri = baseUri;
    }

    /**
     * Starts the service.
     *
     * @param properties system properties ({@code -Dkey=value}) that configure it
     * @param environment variables added to this process's environment
     */
    static ServiceProcess launch(Service service, Path runner, int port, List<String> jvmOptions,
                                 Map<String, String> properties, Map<String, String> environment, Path workDir,
                                 Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(service.memoryOptions());
        command.addAll(jvmOptions);
        command.addAll(service.ownJvmOptions(System.getenv()));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        // The service exits when this process is gone, even after a SIGKILL that runs no shutdown hook.
        command.add("-D" + ParentWatch.PROPERTY + "=" + ProcessHandle.current().pid());
        command.add("-jar");
        command.add(runner.toString());
        Files.createDirectories(log.getParent());
        Files.createDirectories(workDir);
        LogRotation.rotate(log);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        return new ServiceProcess(service, process, log, URI.create("http://localhost:" + port));
    }

    public Service service() {
        return service;
    }

    /** {@code http://localhost:<port>}. */
    public URI baseUri() {
        return baseUri;
    }

    public Path log() {
        return log;
    }

    /** Waits until {@code /q/health/ready} answers 200 (Kafka reachable, topics in place). */
    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(baseUri.resolve("/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException(service.module() + " exited with code " + process.exitValue()
                        + " before it was ready; the end of " + log + ":\n" + logTail());
            }
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException notListeningYet) {
                // The HTTP server starts late in a Quarkus boot; keep asking until the deadline.
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(service.module() + " was not ready within " + timeout.toSeconds() + " s ("
                        + baseUri + "/q/health/ready); the end of " + log + ":\n" + logTail());
            }
            Thread.sleep(READY_POLL.toMillis());
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** How an ended process ended: its exit code, and the signal when a signal ended it. */
    String exitDescription() {
        int code = process.exitValue();
        // 128 + n is how the JVM reports death by signal n; 137 is SIGKILL (the kernel's out-of-memory killer too).
        return code == 137 ? "killed, exit code 137" : code == 143 ? "terminated, exit code 143" : "exit code " + code;
    }

    /**
     * Stops the process: SIGTERM, a grace period, then SIGKILL. Safe to call more than once. Returns how it ended,
     * for the terminal (e.g. {@code stopped in 2.1 s}).
     */
    String stop() {
        if (!process.isAlive()) return "had already exited";
        long started = System.nanoTime();
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
                return "did not stop within " + STOP_GRACE.toSeconds() + " s: killed";
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return "killed (interrupted while waiting)";
        }
        return String.format("stopped in %.1f s", (System.nanoTime() - started) / 1e9);
    }

    /** The last lines of the service's log, for error messages. */
    String logTail() {
        try {
            // Decoded leniently: a log may end in the middle of a character.
            List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
