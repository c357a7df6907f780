package dev.robust.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bare libtorch loop of the peer-bench tool ({@code probe.PtBench}, not part of the product) run as a child
 * JVM on the class path the user gives: the same networks trained and scored on random data, with none of the
 * engine's code. Its median step rates are read from its output lines ({@code TRAIN ... -> 123.4 img/s}).
 */
final class PeerBench {
    /** The models the loop builds, and the input side it builds them for. */
    private static final Set<String> MODELS = Set.of("resnet20:32", "resnet50v2:72");
    private static final Pattern RATE = Pattern.compile("(TRAIN|INFER) .*-> ([0-9.]+) img/s");
    private static final long TIMEOUT_MINUTES = 20;

    /** Training and inference images/s; NaN where not measured. */
    record Rates(double train, double infer) {
        static final Rates NONE = new Rates(Double.NaN, Double.NaN);

        static Rates median(List<Rates> rates) {
            if (rates.isEmpty()) return NONE;
            return new Rates(ComputeThroughput.median(rates.stream().map(Rates::train).toList()),
                    ComputeThroughput.median(rates.stream().map(Rates::infer).toList()));
        }
    }

    private final String classPath;
    private final int threads;

    PeerBench(String classPath, int threads) {
        this.classPath = classPath;
        this.threads = threads;
    }

    boolean offers(ModelSize model) {
        return MODELS.contains(model.architecture() + ":" + model.side());
    }

    Rates measure(ModelSize model, int batch, int warmUp, int steps) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Dthreads=" + threads,
                "-Dorg.bytedeco.javacpp.cachedir=" + System.getProperty("org.bytedeco.javacpp.cachedir",
                        Path.of(System.getProperty("java.io.tmpdir"), "robust-bench-javacpp").toString()),
                "-cp", classPath, "probe.PtBench", model.architecture(), String.valueOf(batch),
                String.valueOf(Math.max(1, warmUp)), String.valueOf(steps)));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            double train = Double.NaN;
            double infer = Double.NaN;
            StringBuilder tail = new StringBuilder();
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    tail.append(line).append('\n');
                    if (tail.length() > 4000) tail.delete(0, tail.length() - 4000);
                    Matcher m = RATE.matcher(line);
                    if (m.find()) {
                        double rate = Double.parseDouble(m.group(2));
                        if (m.group(1).equals("TRAIN")) train = rate; else infer = rate;
                    }
                }
            }
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("peer-bench " + model + " did not end within " + TIMEOUT_MINUTES
                        + " minutes");
            }
            if (process.exitValue() != 0 || Double.isNaN(train) || Double.isNaN(infer)) {
                throw new IllegalStateException("peer-bench " + model + " ended with " + process.exitValue()
                        + " without both rates (is --peer-classpath the loop's classes and libtorch?); its output:\n"
                        + tail);
            }
            return new Rates(train, infer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start peer-bench: " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while peer-bench ran", e);
        }
    }
}
