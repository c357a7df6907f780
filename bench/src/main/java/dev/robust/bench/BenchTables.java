package dev.robust.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The figures of one bench run as markdown tables, the same text on the terminal and in docs/benchmarks.md. */
final class BenchTables {
    /** The goal for training fed from Kafka, as a fraction of raw training (issue: fed-from-Kafka ≥ 0.9× raw). */
    static final double KAFKA_GOAL = 0.9;

    private final StringBuilder out = new StringBuilder();

    void training(BenchSettings settings, List<TrainingThroughput.Figures> rows) {
        if (rows.isEmpty()) return;
        boolean kafka = rows.stream().anyMatch(r -> r.trainKafka() != null);
        out.append("**Engines: training and inference** (images/s; ").append(settings.precision().id())
                .append(" with the engine's default levers; batch ").append(settings.batch()).append(", ")
                .append(settings.warmUp()).append(" warm-up + ").append(settings.steps())
                .append(" timed steps, mean over the timed steps; random uint8 batches")
                .append(kafka ? "; \"fed from Kafka\" trains on pairs the augment-service renders and sends, read "
                        + "with the trainer's PairStream, in blocks alternating with raw steps" : "")
                .append(")\n\n");
        out.append("| engine | model | input | train, raw | train, fed from Kafka | Kafka / raw | inference |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        for (TrainingThroughput.Figures r : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %d×%d | %s | %s | %s | %s |%n", r.engine().name(),
                    r.model().architecture(), r.model().side(), r.model().side(), rate(r.trainRaw()),
                    r.trainKafka() == null ? "—" : rate(r.trainKafka()),
                    r.kafkaRatio() == null ? "—" : ratio(r.kafkaRatio()), rate(r.infer())));
        }
        if (kafka) {
            out.append('\n');
            // Per model: the engine that trains fastest raw, and whether its Kafka feed keeps up.
            Map<String, TrainingThroughput.Figures> fastest = new TreeMap<>();
            for (TrainingThroughput.Figures r : rows) {
                fastest.merge(r.model().toString(), r,
                        (a, b) -> a.trainRaw() >= b.trainRaw() ? a : b);
            }
            for (TrainingThroughput.Figures r : fastest.values()) {
                out.append(String.format(Locale.ROOT, "- %s: fastest engine %s, fed from Kafka %s× raw (goal ≥ %.1f: %s)%n",
                        r.model(), r.engine().name(), ratio(r.kafkaRatio()), KAFKA_GOAL,
                        r.kafkaRatio() >= KAFKA_GOAL ? "met" : "not met"));
            }
        }
        out.append('\n');
    }

    void compute(BenchSettings settings, List<ComputeThroughput.Row> rows, ArithmeticLimit limit, boolean peer) {
        if (rows.isEmpty()) return;
        out.append("**Engines: ways of computing** (images/s, median of ").append(settings.computeRounds())
                .append(" rounds; each round times ").append(settings.steps()).append(" training and ")
                .append(settings.steps()).append(" inference steps of batch ").append(settings.batch())
                .append(" per variant, all variants in one JVM; × baseline = over the same engine's fp32 without "
                        + "levers; × bare = over the bare libtorch loop of peer-bench")
                .append(peer ? ", run between the rounds" : " (not run: no --peer-classpath)")
                .append("; % limit = FLOP/s over the assumed peak: ")
                .append(Double.isNaN(limit.fp32GigaFlops()) ? "unknown"
                        : String.format(Locale.ROOT, "%.0f GFLOP/s fp32 (%s), twice that for bf16",
                                limit.fp32GigaFlops(), limit.source()))
                .append("; FLOP per image = 2 × the model's multiply-adds counted from its layer shapes for "
                        + "inference, 3 × that for training)\n\n");
        out.append("| engine | model | input | MMAC/img | compute | train | × baseline | × bare | % limit "
                + "| inference | × baseline | × bare | % limit |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (ComputeThroughput.Row r : rows) {
            double flop = r.multiplyAdds().isPresent() ? 2.0 * r.multiplyAdds().getAsLong() : Double.NaN;
            boolean bf16 = r.precision() == dev.robust.engine.Precision.BF16;
            out.append(String.format(Locale.ROOT, "| %s | %s | %d×%d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    r.engine().name(), r.model().architecture(), r.model().side(), r.model().side(),
                    Double.isNaN(flop) ? "—" : String.format(Locale.ROOT, "%.1f", flop / 2e6), r.variant(),
                    rate(r.train()), ratio(r.train() / r.baselineTrain()), ratioOrDash(r.train() / r.peer().train()),
                    percent(limit.fraction(r.train(), 3 * flop, bf16)),
                    rate(r.infer()), ratio(r.infer() / r.baselineInfer()), ratioOrDash(r.infer() / r.peer().infer()),
                    percent(limit.fraction(r.infer(), flop, bf16))));
        }
        out.append('\n');
    }

    private static String ratioOrDash(double value) {
        return Double.isNaN(value) ? "—" : ratio(value);
    }

    private static String percent(double fraction) {
        return Double.isNaN(fraction) ? "—" : String.format(Locale.ROOT, "%.0f %%", 100 * fraction);
    }

    void scoring(BenchSettings settings, List<ScoringThroughput.Figures> rows) {
        if (rows.isEmpty()) return;
        out.append("**Eval sweep: from Kafka vs in memory** (images/s; clean ≤ ").append(count(settings.evalImages()))
                .append(settings.evalCorruption() == null ? "" : " + " + settings.evalCorruption() + " ≤ "
                        + count(settings.evalPerSeverity()) + " per severity × 5")
                .append(", batch ").append(settings.evalBatch()).append(", ").append(settings.evalRounds())
                .append(" round(s) after a warm-up; from Kafka = the eval-service's CheckpointEvaluator; both "
                        + "include loading the checkpoint)\n\n");
        out.append("| engine | model | input | images per sweep | in memory | from Kafka | Kafka / in memory |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        for (ScoringThroughput.Figures r : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %d×%d | %s | %s | %s | %s |%n", r.engine().name(),
                    r.model().architecture(), r.model().side(), r.model().side(), count(r.images()),
                    rate(r.inMemory()), rate(r.fromKafka()), ratio(r.ratio())));
        }
        out.append('\n');
    }

    void onnx(BenchSettings settings, List<OnnxThroughput.Figures> rows) {
        if (rows.isEmpty()) return;
        out.append("**ONNX Runtime vs the engine on the same weights** (images/s; ").append(count(
                        rows.get(0).images())).append(" images in batches of ").append(settings.evalBatch())
                .append(", ").append(settings.evalRounds()).append(" round(s) alternating after a warm-up; ONNX "
                        + "Runtime through the eval-service's OnnxClassifier, preprocessing included; no loading)\n\n");
        out.append("| engine | model | input | engine | ONNX Runtime | ONNX Runtime / engine |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (OnnxThroughput.Figures r : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %d×%d | %s | %s | %s |%n", r.engine().name(),
                    r.model().architecture(), r.model().side(), r.model().side(), rate(r.engineRate()),
                    rate(r.runtimeRate()), ratio(r.ratio())));
        }
        out.append('\n');
    }

    void pairs(List<PairThroughput.Figures> rows) {
        if (rows.isEmpty()) return;
        out.append("**Augment-service: pairs delivered through Kafka** (one epoch rendered by the running service "
                + "and read to its end marker with the trainer's PairStream, no training)\n\n");
        out.append("| views | pairs | pairs/s | KB per pair in train.pairs |\n");
        out.append("|---|---|---|---|\n");
        for (PairThroughput.Figures r : rows) {
            out.append(String.format(Locale.ROOT, "| resize %d → crop %d | %s | %s | %.1f |%n", r.views().resize(),
                    r.views().side(), count(r.pairs()), rate(r.pairsPerSecond()), r.kilobytesPerPair()));
        }
        out.append('\n');
    }

    void imaging(double seconds, List<ImagingThroughput.Row> rows) {
        if (rows.isEmpty()) return;
        out.append("**Imaging on one thread** (").append(seconds).append(" s warm-up + ").append(seconds)
                .append(" s counted per row; corruptions cycle through severities 1–5)\n\n");
        out.append("| operation | img/s wall | img/s per CPU second |\n");
        out.append("|---|---|---|\n");
        for (ImagingThroughput.Row r : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %s |%n", r.operation(), rate(r.wallRate()),
                    rate(r.cpuRate())));
        }
        out.append('\n');
    }

    void note(String line) {
        out.append(line).append("\n\n");
    }

    String markdown() {
        return out.toString();
    }

    static String engineList(List<? extends dev.robust.engine.Engine> engines) {
        return engines.stream().sorted(Comparator.comparing(dev.robust.engine.Engine::name))
                .map(e -> e.name() + " (" + e.backend() + ")").collect(Collectors.joining("; "));
    }

    /** Images/s: one decimal below 100, whole numbers with thousands separators above. */
    static String rate(double value) {
        return value < 100 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%,.0f", value);
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
