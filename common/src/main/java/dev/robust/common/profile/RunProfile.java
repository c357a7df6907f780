package dev.robust.common.profile;

import dev.robust.common.corruption.Corruption;
import dev.robust.common.image.RandAugmentGeometry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A run's recipe: one of the profiles in {@code profiles/<name>.properties} on the class path, with the user's
 * overrides applied. The properties files are the one place the hyper-parameters live; this class only reads and
 * checks them. Every value is checked when the profile is built, so a bad override fails at request time with the
 * key it came from, never half-way through a run.
 *
 * <p>The keys of {@code seed.properties} are the complete set: every profile defines all of them, and an override
 * of any other key is rejected.
 */
public final class RunProfile {
    /** The profiles shipped with the product, from the reference recipe down to the tests' tiny one. */
    public static final List<String> NAMES = List.of("seed", "quick", "seed5", "cpu-full", "ci");
    /** The values of {@code engine.precision}, as the engines name their precisions. */
    public static final List<String> PRECISIONS = List.of("fp32", "bf16");
    /** The field {@link InvalidProfileException} names when the profile itself is unknown. */
    public static final String PROFILE_FIELD = "profile";
    /** The settings that hold lists; an override may give them as a JSON array. */
    static final List<String> LIST_SETTINGS = List.of("eval.corruptions", "eval.severities");
    // Upper bounds: far above any real run, low enough that a typo cannot ask for a run that never ends or a
    // validation set that cannot fit in memory (docs/architecture.md, "Errors and bounds", lists them).
    static final int MAX_EXAMPLES = 1_000_000;
    static final int MAX_VAL_EXAMPLES = 50_000;
    static final int MAX_IMAGE_SIDE = 512;
    static final int MAX_BATCH_SIZE = 4_096;
    static final int MAX_EPOCHS = 1_000;
    static final int MAX_PATIENCE = 1_000;
    static final int MAX_SWA_EVERY_STEPS = 1_000_000;
    static final long MAX_SWA_START_STEP = 1_000_000_000L;
    static final double MAX_LEARNING_RATE = 10;
    static final double MAX_TEMPERATURE = 100;
    static final int MAX_EVAL_IMAGES = 100_000;

    private final String name;
    private final SortedMap<String, String> values;

    private RunProfile(String name, SortedMap<String, String> values) {
        this.name = name;
        this.values = Collections.unmodifiableSortedMap(values);
        validate();
    }

    /** The profile called {@code name}, as shipped. */
    public static RunProfile named(String name) {
        if (!NAMES.contains(name)) {
            throw new InvalidProfileException(PROFILE_FIELD, "unknown profile '" + name + "'; profiles: " + NAMES);
        }
        SortedMap<String, String> values = read(name);
        SortedMap<String, String> reference = name.equals(NAMES.get(0)) ? values : read(NAMES.get(0));
        if (!values.keySet().equals(reference.keySet())) {
            throw new IllegalStateException("profiles/" + name + ".properties must define exactly the keys of "
                    + "seed.properties; it has " + values.keySet() + ", seed has " + reference.keySet());
        }
        return new RunProfile(name, values);
    }

    /**
     * This profile with {@code overrides} applied. Values may be strings or JSON scalars (numbers, booleans); lists
     * are joined with commas.
     *
     * @throws InvalidProfileException naming the key when it is unknown or its value is not valid
     */
    public RunProfile withOverrides(Map<String, ?> overrides) {
        SortedMap<String, String> merged = new TreeMap<>(values);
        for (Map.Entry<String, ?> override : overrides.entrySet()) {
            String key = override.getKey();
            if (!values.containsKey(key)) {
                throw new InvalidProfileException(key, "unknown setting '" + key + "'; settings: " + values.keySet());
            }
            merged.put(key, asText(key, override.getValue()));
        }
        return new RunProfile(name, merged);
    }

    public String name() {
        return name;
    }

    /** Every setting as text, sorted by key: what {@code RunRequested.config} records. */
    public SortedMap<String, String> asMap() {
        return values;
    }

    public String model() {
        return text("model");
    }

    public long seed() {
        return longValue("seed");
    }

    /** The engine that trains the run, by name ({@code dl4j}, {@code torch}); the trainer checks it exists. */
    public String engine() {
        return text("engine");
    }

    /**
     * The number format of the engine's convolutions and matrix products, one of {@link #PRECISIONS}; an engine
     * runs bf16 only where the CPU has bf16 instructions, and says so.
     */
    public String precision() {
        String key = "engine.precision";
        String value = text(key);
        if (!PRECISIONS.contains(value)) {
            throw invalid(key, "must be one of " + String.join(", ", PRECISIONS) + ", got '" + value + "'");
        }
        return value;
    }

    public int trainExamples() {
        return intInRange("data.train-examples", 1, MAX_EXAMPLES);
    }

    public int valExamples() {
        return intInRange("data.val-examples", 1, MAX_VAL_EXAMPLES);
    }

    public boolean horizontalFlip() {
        return bool("augment.horizontal-flip");
    }

    public int resize() {
        return intInRange("augment.resize", 1, MAX_IMAGE_SIDE);
    }

    /** The side of the training crops and so of the model's input; validation resizes images to it. */
    public int crop() {
        return intInRange("augment.crop", 1, MAX_IMAGE_SIDE);
    }

    public int randAugmentLayers() {
        return intInRange("augment.randaugment.layers", 0, 10);
    }

    public int randAugmentMagnitude() {
        return intInRange("augment.randaugment.magnitude", 0, 10);
    }

    /** Whether RandAugment's translate and cutout sizes are the recipe's pixels or scale with the view. */
    public RandAugmentGeometry randAugmentGeometry() {
        String key = "augment.randaugment.geometry";
        RandAugmentGeometry geometry = RandAugmentGeometry.fromId(text(key));
        if (geometry == null) {
            throw invalid(key, "must be one of " + RandAugmentGeometry.ids() + ", got '" + text(key) + "'");
        }
        return geometry;
    }

    public int batchSize() {
        return intInRange("train.batch-size", 1, MAX_BATCH_SIZE);
    }

    public double learningRate() {
        return positiveDouble("train.learning-rate", MAX_LEARNING_RATE);
    }

    public PhaseSettings teacher() {
        return phase("teacher");
    }

    public PhaseSettings student() {
        return phase("student");
    }

    public long swaStartStep() {
        long start = longValue("teacher.swa.start-step");
        if (start < 0 || start > MAX_SWA_START_STEP) {
            throw invalid("teacher.swa.start-step", "must be 0.." + MAX_SWA_START_STEP + ", got " + start);
        }
        return start;
    }

    public int swaEverySteps() {
        return intInRange("teacher.swa.every-steps", 1, MAX_SWA_EVERY_STEPS);
    }

    public double temperature() {
        return positiveDouble("student.temperature", MAX_TEMPERATURE);
    }

    public StudentLoss studentLoss() {
        return StudentLoss.fromId("student.loss", text("student.loss"));
    }

    public int evalCleanImages() {
        return intInRange("eval.clean-images", 1, MAX_EVAL_IMAGES);
    }

    /** The corruptions to score; {@code all} in the profile means all 19. */
    public List<Corruption> evalCorruptions() {
        String key = "eval.corruptions";
        String text = text(key);
        if (text.equals("all")) return Corruption.all();
        List<Corruption> corruptions = new ArrayList<>();
        for (String id : text.split(",")) {
            try {
                corruptions.add(Corruption.fromId(id.trim()));
            } catch (RuntimeException e) {
                throw invalid(key, e.getMessage());
            }
        }
        return List.copyOf(corruptions);
    }

    public List<Integer> evalSeverities() {
        String key = "eval.severities";
        List<Integer> severities = new ArrayList<>();
        for (String part : text(key).split(",")) {
            int severity = parseInt(key, part.trim());
            if (severity < Corruption.MIN_SEVERITY || severity > Corruption.MAX_SEVERITY) {
                throw invalid(key, "severities must be 1..5, got " + severity);
            }
            severities.add(severity);
        }
        return List.copyOf(severities);
    }

    public int evalImagesPerSeverity() {
        return intInRange("eval.images-per-severity", 1, MAX_EVAL_IMAGES);
    }

    /**
     * Clean test images an epoch checkpoint (one per trained epoch) is scored on; never more than the final
     * models' {@code eval.clean-images}, so lowering that one alone lowers both.
     */
    public int evalEpochCleanImages() {
        return Math.min(intInRange("eval.epoch.clean-images", 1, MAX_EVAL_IMAGES), evalCleanImages());
    }

    /** Images per corruption and severity for an epoch checkpoint; never more than {@code eval.images-per-severity}. */
    public int evalEpochImagesPerSeverity() {
        return Math.min(intInRange("eval.epoch.images-per-severity", 1, MAX_EVAL_IMAGES), evalImagesPerSeverity());
    }

    @Override
    public String toString() {
        return name + values;
    }

    private PhaseSettings phase(String prefix) {
        return new PhaseSettings(intInRange(prefix + ".epochs", 1, MAX_EPOCHS),
                Monitor.fromId(prefix + ".plateau.monitor", text(prefix + ".plateau.monitor")),
                intInRange(prefix + ".plateau.patience", 1, MAX_PATIENCE),
                factor(prefix + ".plateau.factor"),
                Monitor.fromId(prefix + ".early-stopping.monitor", text(prefix + ".early-stopping.monitor")),
                intInRange(prefix + ".early-stopping.patience", 1, MAX_PATIENCE),
                bool(prefix + ".early-stopping.restore-best"));
    }

    /** Reads every typed value once, so construction fails on the first bad one. */
    private void validate() {
        model();
        engine();
        precision();
        seed();
        trainExamples();
        valExamples();
        horizontalFlip();
        if (crop() > resize()) {
            throw invalid("augment.crop", "must not exceed augment.resize (" + resize() + "), got " + crop());
        }
        randAugmentLayers();
        randAugmentMagnitude();
        randAugmentGeometry();
        batchSize();
        learningRate();
        teacher();
        student();
        swaStartStep();
        swaEverySteps();
        temperature();
        studentLoss();
        evalCleanImages();
        evalCorruptions();
        evalSeverities();
        evalImagesPerSeverity();
        evalEpochCleanImages();
        evalEpochImagesPerSeverity();
    }

    private String text(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) throw invalid(key, "must not be empty");
        return value.trim();
    }

    private int intInRange(String key, int min, int max) {
        int value = parseInt(key, text(key));
        if (value < min || value > max) throw invalid(key, "must be " + min + ".." + max + ", got " + value);
        return value;
    }

    private long longValue(String key) {
        try {
            return Long.parseLong(text(key));
        } catch (NumberFormatException e) {
            throw invalid(key, "must be an integer, got '" + values.get(key) + "'");
        }
    }

    private double positiveDouble(String key, double max) {
        double value = parseDouble(key);
        if (!(value > 0 && value <= max)) throw invalid(key, "must be above 0 and at most " + max + ", got " + value);
        return value;
    }

    private double factor(String key) {
        double value = parseDouble(key);
        if (!(value > 0 && value < 1)) throw invalid(key, "must be between 0 and 1 (exclusive), got " + value);
        return value;
    }

    private boolean bool(String key) {
        String value = text(key);
        if (!value.equals("true") && !value.equals("false")) {
            throw invalid(key, "must be true or false, got '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    private int parseInt(String key, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw invalid(key, "must be an integer, got '" + text + "'");
        }
    }

    private double parseDouble(String key) {
        try {
            return Double.parseDouble(text(key));
        } catch (NumberFormatException e) {
            throw invalid(key, "must be a number, got '" + values.get(key) + "'");
        }
    }

    private InvalidProfileException invalid(String key, String problem) {
        String message = problem.startsWith(key) ? problem : key + " " + problem;
        return new InvalidProfileException(key, message + " (profile " + name + ")");
    }

    private static String asText(String key, Object value) {
        if (value == null) throw new InvalidProfileException(key, key + " must have a value, got null");
        if (value instanceof List<?> list) {
            if (!LIST_SETTINGS.contains(key)) {
                throw new InvalidProfileException(key, key + " takes one value, got a list; lists: " + LIST_SETTINGS);
            }
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        if (value instanceof Map<?, ?>) {
            throw new InvalidProfileException(key, key + " must be a scalar or a list, got an object");
        }
        return String.valueOf(value);
    }

    private static SortedMap<String, String> read(String name) {
        String resource = "profiles/" + name + ".properties";
        Properties properties = new Properties();
        try (InputStream in = RunProfile.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(resource + " is missing from the class path");
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        SortedMap<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key).trim()));
        return values;
    }
}
