package dev.robust.cli.run;

import dev.robust.common.BadInputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The bench JVM ({@code bench/target/robust-bench.jar}) as a child process: the deep-learning engines run there,
 * never in the CLI. Its output goes line by line to the terminal and to a log file; the lines after the tables
 * marker are the markdown tables. Ctrl-C stops it with the CLI.
 */
final class BenchProcess {
    /** Must match {@code dev.robust.bench.BenchMain.TABLES_MARKER} (the CLI does not have the bench on its class path). */
    static final String TABLES_MARKER = "=== robust bench tables ===";
    /** Extra JVM options of the bench JVM, e.g. {@code -Dorg.eclipse.deeplearning4j.helpers.disable=true}. */
    static final String BENCH_JAVA_OPTS = "ROBUST_BENCH_JAVA_OPTS";
    private static final String HEAP = "-Xmx2g";
    private static final int LOG_TAIL_LINES = 30;

    private BenchProcess() {
    }

    /** The bench jar, which must exist. */
    static Path jar(ProjectLayout layout) {
        Path jar = layout.root().resolve("bench/target/robust-bench.jar");
        if (!Files.isRegularFile(jar)) {
            throw new BadInputException(jar + ": missing; build it with ./mvnw -pl bench -am package -DskipTests "
                    + "(./robust does it for you)");
        }
        return jar;
    }

    /**
     * Runs the bench with {@code arguments}, echoing its lines to {@code out} and {@code log}; returns the markdown
     * after the tables marker.
     *
     * @throws IOException naming the exit code and the end of the log when the bench fails
     */
    static String run(ProjectLayout layout, List<String> arguments, Path workDir, Path log, PrintWriter out)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(HEAP);
        // JavaCPP unpacks the engines' native libraries here once, as the tests and the services' builds do.
        command.add("-Dorg.bytedeco.javacpp.cachedir=" + layout.root().resolve("target/javacpp-cache"));
        String extra = System.getenv(BENCH_JAVA_OPTS);
        if (extra != null && !extra.isBlank()) command.addAll(List.of(extra.trim().split("\\s+")));
        command.add("-jar");
        command.add(jar(layout).toString());
        command.addAll(arguments);
        Files.createDirectories(workDir);
        Files.createDirectories(log.getParent());

        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        Thread stopOnExit = new Thread(() -> stop(process), "robust-bench-shutdown");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        StringBuilder tables = new StringBuilder();
        List<String> tail = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer logFile = Files.newBufferedWriter(log)) {
            boolean inTables = false;
            String line;
            while ((line = lines.readLine()) != null) {
                logFile.write(line);
                logFile.write('\n');
                logFile.flush();
                if (inTables) {
                    tables.append(line).append('\n');
                } else if (line.equals(TABLES_MARKER)) {
                    inTables = true;
                } else {
                    out.println(line);
                    out.flush();
                    tail.add(line);
                    if (tail.size() > LOG_TAIL_LINES) tail.remove(0);
                }
            }
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IOException("the bench exited with code " + exit + (exit == 2 ? " (bad options)" : "")
                        + "; its log is " + log + ", ending:\n" + String.join("\n", tail));
            }
            if (tables.isEmpty()) throw new IOException("the bench printed no tables; its log is " + log);
            return tables.toString();
        } finally {
            stop(process);
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException shutdownInProgress) {
                // The hook itself is stopping the bench.
            }
        }
    }

    private static void stop(Process process) {
        if (!process.isAlive()) return;
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
