package dev.robust.cli.report;

import dev.robust.common.stats.MeanInterval;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything {@code robust study} reports: each run (arm × seed) with its models' scores, per arm the mean of each
 * model's clean top-1 and C-sev5 over the seeds with its 95 % t interval, and paired per-seed differences (the
 * student against each teacher of its own run, and each arm's student against the recipe's student of the same
 * seed, which shares its data order and initial weights). Written as {@code study.json}; the Markdown and HTML
 * files are views of it.
 */
public record StudyReport(String profile, RunReport.Dataset dataset, String cifar10c, List<Long> seeds,
                          List<Arm> arms, Instant startedAt, Instant finishedAt, Map<String, Double> durationsSeconds,
                          List<Run> runs, List<ArmMean> means, List<SeedDifference> differences) {
    /** The arm every other arm's student is compared with. */
    public static final String BASELINE_ARM = "recipe";
    public static final String CLEAN = "clean";
    public static final String C_SEV5 = "C-sev5";
    private static final String STUDENT = "student";

    public record Arm(String name, Map<String, String> overrides) {
    }

    /** One run of the study: the final models of one arm at one seed. */
    public record Run(String arm, long seed, String runId, List<ModelScores> models) {
        Optional<ModelScores> model(String name) {
            return models.stream().filter(m -> m.name().equals(name)).findFirst();
        }
    }

    /** One model's metric in one arm: its value at each seed and their mean with a t interval. */
    public record ArmMean(String arm, String model, String metric, Map<Long, Double> perSeed, MeanInterval mean) {
    }

    /** {@code minuend − subtrahend} at each seed, and the mean of those paired differences with a t interval. */
    public record SeedDifference(String arm, String minuend, String subtrahend, String metric,
                                 Map<Long, Double> perSeed, MeanInterval mean) {
    }

    /** Builds the means and differences from the runs. */
    public static StudyReport of(String profile, RunReport.Dataset dataset, String cifar10c, List<Long> seeds,
                                 List<Arm> arms, Instant startedAt, Instant finishedAt,
                                 Map<String, Double> durations, List<Run> runs) {
        List<ArmMean> means = new ArrayList<>();
        List<SeedDifference> differences = new ArrayList<>();
        for (Arm arm : arms) {
            List<Run> ofArm = runs.stream().filter(run -> run.arm().equals(arm.name())).toList();
            Set<String> models = new LinkedHashSet<>();
            ofArm.forEach(run -> run.models().forEach(model -> models.add(model.name())));
            for (String model : models) {
                for (String metric : List.of(CLEAN, C_SEV5)) {
                    Map<Long, Double> perSeed = perSeed(ofArm, run -> run.model(model).map(m -> metric(m, metric)));
                    if (!perSeed.isEmpty()) {
                        means.add(new ArmMean(arm.name(), model, metric, perSeed,
                                MeanInterval.of(perSeed.values())));
                    }
                }
            }
            for (String teacher : models) {
                if (teacher.equals(STUDENT)) continue;
                for (String metric : List.of(CLEAN, C_SEV5)) {
                    addDifference(differences, arm.name(), STUDENT, teacher, metric, perSeed(ofArm, run ->
                            both(run.model(STUDENT), run.model(teacher), metric)));
                }
            }
            if (arm.name().equals(BASELINE_ARM)) continue;
            for (String metric : List.of(CLEAN, C_SEV5)) {
                addDifference(differences, arm.name(), STUDENT, BASELINE_ARM + " " + STUDENT, metric,
                        perSeed(ofArm, run -> both(run.model(STUDENT), runs.stream()
                                .filter(r -> r.arm().equals(BASELINE_ARM) && r.seed() == run.seed()).findFirst()
                                .flatMap(r -> r.model(STUDENT)), metric)));
            }
        }
        return new StudyReport(profile, dataset, cifar10c, seeds, arms, startedAt, finishedAt, durations, runs, means,
                differences);
    }

    private static void addDifference(List<SeedDifference> differences, String arm, String minuend,
                                      String subtrahend, String metric, Map<Long, Double> perSeed) {
        if (perSeed.isEmpty()) return;
        differences.add(new SeedDifference(arm, minuend, subtrahend, metric, perSeed,
                MeanInterval.of(perSeed.values())));
    }

    private static Map<Long, Double> perSeed(List<Run> runs, Function<Run, Optional<Double>> value) {
        Map<Long, Double> perSeed = new LinkedHashMap<>();
        for (Run run : runs) value.apply(run).ifPresent(v -> perSeed.put(run.seed(), v));
        return perSeed;
    }

    private static Optional<Double> both(Optional<ModelScores> minuend, Optional<ModelScores> subtrahend,
                                         String metric) {
        if (minuend.isEmpty() || subtrahend.isEmpty()) return Optional.empty();
        Double a = metric(minuend.get(), metric);
        Double b = metric(subtrahend.get(), metric);
        return a == null || b == null ? Optional.empty() : Optional.of(a - b);
    }

    private static Double metric(ModelScores model, String metric) {
        return metric.equals(CLEAN) ? model.cleanTop1() : model.cSev5();
    }
}
