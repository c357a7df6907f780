package dev.robust.cli.run;

import dev.robust.common.BadInputException;
import dev.robust.common.profile.RunProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code robust bench}: every throughput figure of the product in one run, side by side. Starts the broker and the
 * real augment-service (as {@code robust run} does) with synthetic data ingested, then the bench JVM
 * ({@code bench/target/robust-bench.jar}, where the engines live) against them; prints its markdown tables and
 * writes them, with the date, the machine and its load, to {@code <out>/benchmarks.md}; only {@code --doc} appends
 * them to docs/benchmarks.md (a measuring run leaves tracked files alone).
 */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = {
                "Measure throughput side by side in one run and print markdown tables (also written to "
                        + "<out>/benchmarks.md; appended to docs/benchmarks.md with --doc): each engine's raw "
                        + "training and inference images/s per model, each way of computing (precision, levers) "
                        + "against the engine's fp32 baseline and the bare libtorch loop, the same training fed "
                        + "through Kafka by the augment-service (ratio to raw), the eval sweep from Kafka vs in "
                        + "memory, ONNX Runtime vs the engine on the same weights, the augment-service's pairs/s, and imaging on one thread.",
                "Runs an embedded Kafka broker and the augment-service (log in <out>/logs), then the bench JVM.",
                "Extra JVM options of the bench: ROBUST_BENCH_JAVA_OPTS."})
public final class BenchCommand implements Callable<Integer> {
    static final String DEFAULT_MODELS = "resnet20:32,smallcnn:32,resnet50v2:72";
    static final String PARTS = "engines,compute,kafka,eval,onnx,pairs,imaging";
    /** Held out of the synthetic training images as cifar10.val (the bench does not read it). */
    private static final int VALIDATION_IMAGES = 100;

    @Option(names = "--engines", paramLabel = "<name,...>",
            description = "Engines to measure (default: every engine on the bench's class path).")
    String engines;

    @Option(names = "--models", paramLabel = "<name:side,...>", defaultValue = DEFAULT_MODELS,
            description = "Models and input sides (default: ${DEFAULT-VALUE}).")
    String models;

    @Option(names = "--parts", paramLabel = "<part,...>", defaultValue = "all",
            description = "Any of " + PARTS + " (default: all). engines = raw training and inference; kafka = "
                    + "training fed through Kafka beside raw; eval = eval sweep from Kafka vs in memory; pairs = the "
                    + "augment-service's pairs/s; imaging = views and corruptions on one thread; compute = each "
                    + "precision and lever against the fp32 baseline and the bare libtorch loop; onnx = the engine "
                    + "against ONNX Runtime scoring its ONNX export (same weights, --eval-images, --eval-rounds).")
    String parts;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "32",
            description = "Training and inference batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--precision", paramLabel = "fp32|bf16", defaultValue = "fp32",
            description = "Number format of the engines and kafka parts' models (default: ${DEFAULT-VALUE}; the "
                    + "compute part tries every precision the engine has).")
    String precision;

    @Option(names = "--warmup", paramLabel = "STEPS", description = "Untimed steps first (default: 3; --short: 1).")
    Integer warmUp;

    @Option(names = "--steps", paramLabel = "STEPS", description = "Timed steps (default: 10; --short: 3).")
    Integer steps;

    @Option(names = "--eval-images", paramLabel = "N",
            description = "Clean test images per eval sweep, plus N/5 per severity of gaussian_noise "
                    + "(default: 1000; --short: 200).")
    Integer evalImages;

    @Option(names = "--pairs", paramLabel = "N",
            description = "Pairs per view size for the augment-service's rate (default: 2048; --short: 512).")
    Integer pairs;

    @Option(names = "--imaging-seconds", paramLabel = "S",
            description = "Seconds of warm-up and of counting per imaging row (default: 1; --short: 0.2).")
    Double imagingSeconds;

    @Option(names = "--compute-rounds", paramLabel = "N",
            description = "Rounds over every way of computing; the median is reported (default: 3; --short: 1).")
    Integer computeRounds;

    @Option(names = "--peer-classpath", paramLabel = "<class path>",
            description = "Class path of peer-bench's bare libtorch loop (probe.PtBench), run between the compute "
                    + "rounds for the × bare columns (default: not run).")
    String peerClassPath;

    @Option(names = "--peak-gflops", paramLabel = "GFLOP/s",
            description = "FP32 peak for the % limit columns (default: cores × clock × 32 FLOP/cycle).")
    Double peakGigaFlops;

    @Option(names = "--short", description = "A quick look: fewer steps, images and seconds (options given win).")
    boolean quick;

    @Option(names = "--out", paramLabel = "<dir>",
            description = "Broker data, logs and the tables (default: runs/bench-<date>-<time>).")
    Path outOption;

    @Option(names = "--doc", paramLabel = "<file>", arity = "0..1", fallbackValue = "",
            description = "Also append the results to this markdown file (given without a file: docs/benchmarks.md "
                    + "of the project). Without --doc only <out>/benchmarks.md is written.")
    Path doc;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        ProjectLayout layout = ProjectLayout.detect();
        BenchProcess.jar(layout); // fail before starting anything when it is missing
        String loadBefore = BenchMachine.loadAverage();
        LocalDateTime startedAt = LocalDateTime.now(ZoneOffset.UTC);
        Path chosen = outOption != null ? outOption
                : Path.of("runs", "bench-" + startedAt.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Path outDir = chosen.toAbsolutePath().normalize();
        StackConfig.requireNoEarlierStack(outDir);
        List<String> partList = partList();
        boolean needsKafka = partList.stream().anyMatch(p -> p.equals("kafka") || p.equals("eval")
                || p.equals("pairs"));
        out.println("robust bench: " + BenchMachine.describe() + "; load average " + loadBefore);
        out.println("output:    " + outDir);
        out.flush();

        List<String> arguments = benchArguments(partList, outDir.resolve("tables.md"));
        String tables;
        if (needsKafka) {
            DataPlan data = new DataPlan(outDir.resolve("data"), "synthetic:" + syntheticImages(), "synthetic",
                    "synthetic images (throughput does not depend on what they show)", null);
            Files.createDirectories(data.dataRoot());
            RunProfile profile = dataProfile();
            StackConfig config = new StackConfig(outDir, data.dataRoot(), profile,
                    StackOptions.serviceJvmOptions());
            try (LocalStack stack = LocalStack.start(layout, config, out, EnumSet.of(Service.AUGMENT))) {
                IngestClient ingest = new IngestClient(new JsonHttp(StackOptions.securityToken()),
                        stack.uri(Service.AUGMENT), out);
                ingest.ingestDataset(data, profile);
                if (partList.contains("eval")) ingest.ingestCorruptions(data, profile);
                arguments.add("--bootstrap-servers");
                arguments.add(stack.bootstrapServers());
                tables = BenchProcess.run(layout, arguments, outDir, outDir.resolve("logs/bench.log"), out);
                stack.requireRunning();
            }
        } else {
            tables = BenchProcess.run(layout, arguments, outDir, outDir.resolve("logs/bench.log"), out);
        }
        String loadAfter = BenchMachine.loadAverage();

        String section = section(startedAt, loadBefore, loadAfter, tables);
        out.println();
        out.print(section);
        Path ownFile = outDir.resolve("benchmarks.md");
        Files.writeString(ownFile, section, StandardCharsets.UTF_8);
        out.println("written to " + ownFile);
        Path docFile = doc == null ? null
                : doc.toString().isEmpty() ? layout.root().resolve("docs/benchmarks.md") : doc;
        if (docFile != null) {
            Files.writeString(docFile, "\n" + section, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            out.println("appended to " + docFile);
        }
        out.flush();
        return 0;
    }

    /** The markdown appended to the doc: when, where, how busy, what was asked, then the bench's tables. */
    private String section(LocalDateTime startedAt, String loadBefore, String loadAfter, String tables) {
        String command = "./robust " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        return "## robust bench, " + startedAt.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")) + " UTC\n\n"
                + "- **Machine:** " + BenchMachine.describe() + ".\n"
                + "- **Load average** (1 / 5 / 15 min): before " + loadBefore + ", after " + loadAfter + ".\n"
                + "- **Command:** `" + command.trim() + "`\n\n"
                + tables.strip() + "\n";
    }

    private List<String> partList() {
        if (parts == null || parts.isBlank() || parts.equals("all")) return List.of(PARTS.split(","));
        List<String> list = new ArrayList<>();
        for (String part : parts.split(",")) {
            String id = part.trim();
            if (!List.of(PARTS.split(",")).contains(id)) {
                throw new BadInputException("--parts: unknown part '" + id + "'; expected some of " + PARTS);
            }
            list.add(id);
        }
        return list;
    }

    private List<String> benchArguments(List<String> partList, Path report) {
        Map<String, String> values = new LinkedHashMap<>();
        if (engines != null) values.put("--engines", engines);
        values.put("--models", models);
        values.put("--parts", String.join(",", partList));
        values.put("--batch", Integer.toString(batch));
        values.put("--precision", precision);
        values.put("--warmup", Integer.toString(warmUp()));
        values.put("--steps", Integer.toString(steps()));
        values.put("--eval-images", Integer.toString(evalImages()));
        values.put("--eval-corruption", "gaussian_noise");
        values.put("--eval-per-severity", Integer.toString(perSeverity()));
        values.put("--eval-rounds", quick ? "1" : "2");
        values.put("--pairs", Integer.toString(pairs()));
        values.put("--imaging-seconds", Double.toString(imagingSeconds()));
        values.put("--compute-rounds", Integer.toString(computeRounds != null ? computeRounds : quick ? 1 : 3));
        if (peerClassPath != null) values.put("--peer-classpath", peerClassPath);
        if (peakGigaFlops != null) values.put("--peak-gflops", Double.toString(peakGigaFlops));
        values.put("--run-prefix", "bench" + Long.toString(System.currentTimeMillis() / 1000, 36));
        values.put("--report", report.toString());
        List<String> arguments = new ArrayList<>();
        values.forEach((name, value) -> {
            arguments.add(name);
            arguments.add(value);
        });
        return arguments;
    }

    /**
     * Synthetic images to ingest: enough training images for one epoch of the Kafka-fed steps and for the pairs
     * measurement, and a test split (a fifth of them) that holds the clean eval images.
     */
    private int syntheticImages() {
        int training = Math.max((warmUp() + steps()) * batch, pairs()) + VALIDATION_IMAGES;
        return Math.max(training, 5 * evalImages());
    }

    /** The ingest's settings as a profile: the validation split, and the corruption the eval sweep reads. */
    private RunProfile dataProfile() {
        return RunProfile.named("ci").withOverrides(Map.of(
                "data.val-examples", VALIDATION_IMAGES,
                "eval.corruptions", "gaussian_noise",
                "eval.severities", "1,2,3,4,5",
                "eval.images-per-severity", perSeverity()));
    }

    private int warmUp() {
        return warmUp != null ? warmUp : quick ? 1 : 3;
    }

    private int steps() {
        return steps != null ? steps : quick ? 3 : 10;
    }

    private int evalImages() {
        return evalImages != null ? evalImages : quick ? 200 : 1000;
    }

    private int perSeverity() {
        return Math.max(1, evalImages() / 5);
    }

    private int pairs() {
        return pairs != null ? pairs : quick ? 512 : 2048;
    }

    private double imagingSeconds() {
        return imagingSeconds != null ? imagingSeconds : quick ? 0.2 : 1.0;
    }
}
