package dev.robust.bench;

import dev.robust.engine.Precision;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * What one bench run measures. Parsed from {@code --name value} arguments ({@code robust bench} passes them; a user
 * may also start the bench jar by hand). Anything wrong fails with a {@link BenchUsageException} naming the option.
 *
 * @param engines          engine names; empty = every engine on the class path
 * @param models           architectures with their input side
 * @param bootstrapServers the broker the augment-service serves; null = the Kafka parts cannot run
 * @param evalImages       clean test images per eval sweep (the cap, as the eval-service's {@code robust.eval.clean-images})
 * @param evalCorruption   the corruption topic swept besides the clean one; null = clean only
 * @param evalPerSeverity  images per severity of that corruption
 * @param pairs            pairs per view size for the augment-service's rate
 * @param report           where the markdown tables are written; null = stdout only
 * @param computeRounds    rounds over every compute variant (median of them is reported)
 * @param peerClassPath    class path of the bare libtorch loop ({@code probe.PtBench}); null = not run
 * @param peakGigaFlops    the FP32 peak the arithmetic-limit column assumes; empty = from the CPU's clock
 * @param precision        the number format of the engines and kafka parts' models (the compute part tries each)
 */
public record BenchSettings(List<String> engines, List<ModelSize> models, int batch, int warmUp, int steps,
                            Set<Part> parts, String bootstrapServers, int evalImages, String evalCorruption,
                            int evalPerSeverity, int evalBatch, int evalRounds, int pairs, double imagingSeconds,
                            String runPrefix, Path report, int computeRounds, String peerClassPath,
                            OptionalDouble peakGigaFlops, Precision precision) {

    /** The parts of a bench run, in the order they run. */
    public enum Part {
        /** Raw training and inference images/s, and training fed from Kafka beside it (needs Kafka). */
        ENGINES("engines"),
        /** Training fed through Kafka by the augment-service, in blocks alternating with raw training. */
        KAFKA("kafka"),
        /**
         * Each engine's ways of computing (precision, levers) against its FP32 baseline and the bare libtorch
         * loop, with the fraction of the arithmetic limit.
         */
        COMPUTE("compute"),
        /** Eval sweep from Kafka vs the same number of images predicted from memory. */
        EVAL("eval"),
        /** An engine's model against its ONNX export scored by ONNX Runtime, as the eval-service scores imports. */
        ONNX("onnx"),
        /** Pairs/s the augment-service delivers through Kafka to the trainer's PairStream. */
        PAIRS("pairs"),
        /** Training views and corruptions on one thread. */
        IMAGING("imaging");

        private final String id;

        Part(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public boolean needsKafka() {
            return this == KAFKA || this == EVAL || this == PAIRS;
        }

        static Part fromId(String id) {
            for (Part part : values()) if (part.id.equals(id)) return part;
            throw new BenchUsageException("--parts: unknown part '" + id + "'; expected some of " + ids());
        }

        static String ids() {
            return String.join(",", java.util.Arrays.stream(values()).map(Part::id).toList());
        }
    }

    public static final String DEFAULT_MODELS = "resnet20:32,smallcnn:32,resnet50v2:72";

    public BenchSettings {
        engines = List.copyOf(engines);
        models = List.copyOf(models);
        parts = parts.isEmpty() ? EnumSet.noneOf(Part.class) : EnumSet.copyOf(parts);
        requireAtLeast("--batch", batch, 1);
        requireAtLeast("--warmup", warmUp, 0);
        requireAtLeast("--steps", steps, 1);
        requireAtLeast("--eval-images", evalImages, 1);
        requireAtLeast("--eval-per-severity", evalPerSeverity, 1);
        requireAtLeast("--eval-batch", evalBatch, 1);
        requireAtLeast("--eval-rounds", evalRounds, 1);
        requireAtLeast("--pairs", pairs, 1);
        requireAtLeast("--compute-rounds", computeRounds, 1);
        if (peakGigaFlops.isPresent() && !(peakGigaFlops.getAsDouble() > 0)) {
            throw new BenchUsageException("--peak-gflops must be > 0, got " + peakGigaFlops.getAsDouble());
        }
        if (!(imagingSeconds > 0)) throw new BenchUsageException("--imaging-seconds must be > 0, got " + imagingSeconds);
        if (precision == null) throw new BenchUsageException("--precision must be one of " + Precision.ids());
        if (models.isEmpty()) throw new BenchUsageException("--models: name at least one model");
        if (parts.isEmpty()) throw new BenchUsageException("--parts: name at least one of " + Part.ids());
        if (bootstrapServers == null && parts.stream().anyMatch(Part::needsKafka)) {
            throw new BenchUsageException("parts " + parts.stream().filter(Part::needsKafka).map(Part::id).toList()
                    + " need --bootstrap-servers of a broker with the augment-service running on it (robust bench "
                    + "starts both); or choose --parts engines,imaging");
        }
    }

    /** Training steps fed from Kafka per model: warm-up plus timed, one epoch of pairs. */
    public int kafkaExamples() {
        return (warmUp + steps) * batch;
    }

    public boolean has(Part part) {
        return parts.contains(part);
    }

    public static BenchSettings parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!name.startsWith("--")) throw new BenchUsageException("unexpected argument '" + name + "'");
            if (i + 1 >= args.length) throw new BenchUsageException(name + " needs a value");
            values.put(name, args[++i]);
        }
        Map<String, String> left = new LinkedHashMap<>(values);
        BenchSettings settings = new BenchSettings(
                list(left.remove("--engines")),
                ModelSize.parseList(left.getOrDefault("--models", DEFAULT_MODELS)),
                integer(left, "--batch", 32),
                integer(left, "--warmup", 3),
                integer(left, "--steps", 10),
                parts(left.remove("--parts")),
                left.remove("--bootstrap-servers"),
                integer(left, "--eval-images", 1000),
                blankToNull(left.remove("--eval-corruption")),
                integer(left, "--eval-per-severity", 200),
                integer(left, "--eval-batch", 64),
                integer(left, "--eval-rounds", 2),
                integer(left, "--pairs", 2048),
                decimal(left, "--imaging-seconds", 1.0),
                left.getOrDefault("--run-prefix", "bench"),
                left.containsKey("--report") ? Path.of(left.get("--report")) : null,
                integer(left, "--compute-rounds", 3),
                blankToNull(left.remove("--peer-classpath")),
                left.containsKey("--peak-gflops") ? OptionalDouble.of(decimal(left, "--peak-gflops", 0))
                        : OptionalDouble.empty(),
                precision(left.remove("--precision")));
        left.remove("--models");
        left.remove("--run-prefix");
        left.remove("--report");
        if (!left.isEmpty()) throw new BenchUsageException("unknown option " + left.keySet().iterator().next());
        return settings;
    }

    private static Set<Part> parts(String value) {
        if (value == null || value.equals("all")) return EnumSet.allOf(Part.class);
        Set<Part> parts = EnumSet.noneOf(Part.class);
        for (String id : list(value)) parts.add(Part.fromId(id.toLowerCase(Locale.ROOT)));
        return parts;
    }

    private static Precision precision(String value) {
        if (value == null) return Precision.FP32;
        Precision precision = Precision.fromId(value.trim());
        if (precision == null) {
            throw new BenchUsageException("--precision must be one of " + Precision.ids() + ", got '" + value + "'");
        }
        return precision;
    }

    private static List<String> list(String value) {
        List<String> items = new ArrayList<>();
        if (value == null) return items;
        for (String item : value.split(",")) if (!item.isBlank()) items.add(item.trim());
        return items;
    }

    private static int integer(Map<String, String> values, String name, int fallback) {
        String value = values.remove(name);
        if (value == null) return fallback;
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new BenchUsageException(name + " must be an integer, got '" + value + "'");
        }
    }

    private static double decimal(Map<String, String> values, String name, double fallback) {
        String value = values.remove(name);
        if (value == null) return fallback;
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new BenchUsageException(name + " must be a number, got '" + value + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() || value.equals("none") ? null : value.trim();
    }

    private static void requireAtLeast(String name, int value, int minimum) {
        if (value < minimum) throw new BenchUsageException(name + " must be >= " + minimum + ", got " + value);
    }
}
