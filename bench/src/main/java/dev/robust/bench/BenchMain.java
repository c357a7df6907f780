package dev.robust.bench;

import dev.robust.bench.BenchSettings.Part;
import dev.robust.engine.Engine;
import dev.robust.engine.Engines;
import dev.robust.engine.Precision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The bench JVM: measures what {@link BenchSettings} asks for and prints progress lines, then the markdown tables
 * (also written to {@code --report}). {@code robust bench} starts it with a broker and the augment-service running;
 * by hand, {@code java -jar bench/target/robust-bench.jar --parts engines,imaging [options]} needs neither.
 * Exit codes: 0 done, 1 a measurement failed, 2 bad options.
 */
public final class BenchMain {
    /** The line before the tables on stdout, so a caller can tell them from the progress lines. */
    public static final String TABLES_MARKER = "=== robust bench tables ===";

    private final BenchSettings settings;
    private final long started = System.nanoTime();

    private BenchMain(BenchSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        // One line, not a stack trace, for a helper thread that dies; a failing measurement fails on the main thread.
        Thread.setDefaultUncaughtExceptionHandler((thread, e) ->
                System.err.println("bench: thread " + thread.getName() + " ended: " + e));
        BenchSettings settings;
        List<Engine> engines;
        try {
            settings = BenchSettings.parse(args);
            engines = engines(settings.engines());
        } catch (BenchUsageException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            new BenchMain(settings).run(engines);
        } catch (Exception e) {
            System.err.println("bench: failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private void run(List<Engine> engines) throws Exception {
        BenchTables tables = new BenchTables();
        progress("engines " + BenchTables.engineList(engines) + "; models " + settings.models() + "; parts "
                + settings.parts().stream().map(Part::id).toList() + "; " + Runtime.getRuntime().availableProcessors()
                + " cores");

        List<TrainingThroughput.Figures> training = new ArrayList<>();
        List<ScoringThroughput.Figures> scoring = new ArrayList<>();
        List<OnnxThroughput.Figures> onnx = new ArrayList<>();
        List<ComputeThroughput.Row> compute = new ArrayList<>();
        PeerBench peer = settings.peerClassPath() == null ? null
                : new PeerBench(settings.peerClassPath(), Integer.getInteger("robust.engine.torch.threads",
                        Runtime.getRuntime().availableProcessors()));
        List<String> skipped = new ArrayList<>();
        Path store = Files.createTempDirectory("robust-bench-checkpoints");
        try {
            for (Engine engine : engines) {
                for (ModelSize model : settings.models()) {
                    if (!engine.architectures().contains(model.architecture())) {
                        skipped.add(engine.name() + " has no " + model.architecture() + " (it offers "
                                + engine.architectures() + ")");
                        continue;
                    }
                    boolean trains = settings.has(Part.ENGINES) || settings.has(Part.KAFKA);
                    if (trains && !engine.precisions().contains(settings.precision())) {
                        skipped.add(engine.name() + " trains no " + settings.precision().id() + " here (it has "
                                + engine.precisions().stream().map(Precision::id).sorted().toList() + ")");
                    } else if (trains) {
                        training.add(new TrainingThroughput(settings, this::progress)
                                .measure(engine, model, settings.has(Part.KAFKA)));
                    }
                    if (settings.has(Part.COMPUTE)) {
                        compute.addAll(new ComputeThroughput(settings, this::progress, peer).measure(engine, model));
                    }
                    if (settings.has(Part.EVAL)) {
                        scoring.add(new ScoringThroughput(settings, this::progress, store).measure(engine, model));
                    }
                    if (settings.has(Part.ONNX)) {
                        OnnxThroughput.Figures figures = new OnnxThroughput(settings, this::progress, store)
                                .measure(engine, model);
                        if (figures == null) {
                            skipped.add("ONNX Runtime vs " + engine.name() + " " + model + " (the engine does not "
                                    + "export it to ONNX, or its input is not the 32×32 the eval-service imports)");
                        } else {
                            onnx.add(figures);
                        }
                    }
                }
            }
        } finally {
            deleteRecursively(store);
        }
        tables.training(settings, training);
        tables.compute(settings, compute, ArithmeticLimit.of(settings.peakGigaFlops()), peer != null);
        tables.scoring(settings, scoring);
        tables.onnx(settings, onnx);

        if (settings.has(Part.PAIRS)) {
            List<PairThroughput.Figures> pairs = new ArrayList<>();
            Set<Integer> sides = new LinkedHashSet<>();
            for (ModelSize model : settings.models()) {
                if (sides.add(model.side())) pairs.add(new PairThroughput(settings, this::progress).measure(model));
            }
            tables.pairs(pairs);
        }
        if (settings.has(Part.IMAGING)) {
            tables.imaging(settings.imagingSeconds(),
                    new ImagingThroughput(settings.imagingSeconds(), this::progress).measure());
        }
        for (String line : skipped) tables.note("Not measured: " + line + ".");

        String markdown = tables.markdown();
        progress(String.format(Locale.ROOT, "done in %.0f s", elapsed()));
        System.out.println(TABLES_MARKER);
        System.out.print(markdown);
        System.out.flush();
        if (settings.report() != null) {
            Path parent = settings.report().toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.writeString(settings.report(), markdown);
        }
    }

    private void progress(String line) {
        System.out.printf(Locale.ROOT, "bench [%4.0f s] %s%n", elapsed(), line);
        System.out.flush();
    }

    private double elapsed() {
        return (System.nanoTime() - started) / 1e9;
    }

    /** The engines named (all on the class path when none is), by name. */
    static List<Engine> engines(List<String> names) {
        List<Engine> available = Engines.available().stream().sorted(Comparator.comparing(Engine::name)).toList();
        if (available.isEmpty()) throw new BenchUsageException("no engine on the bench's class path");
        if (names.isEmpty()) return available;
        List<Engine> chosen = new ArrayList<>();
        for (String name : names) {
            Engine engine = available.stream().filter(e -> e.name().equals(name)).findFirst()
                    .orElseThrow(() -> new BenchUsageException("--engines: no engine named '" + name
                            + "'; available: " + available.stream().map(Engine::name)
                            .collect(Collectors.joining(", "))));
            chosen.add(engine);
        }
        return chosen;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
        }
    }
}
