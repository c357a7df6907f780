package dev.robust.common.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.robust.common.corruption.Corruption;
import dev.robust.common.stats.Interval;
import dev.robust.common.stats.Wilson;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The robustness scores of one checkpoint: clean top-1, C-sev5 (mean top-1 over the corruptions at severity 5),
 * C-all (mean over every corruption and severity), and the table behind them ({@code perCorruption}: corruption id →
 * severity → top-1). Scores are over what has been measured so far; {@code missing} lists the corruptions that lack
 * a successful result at some severity, and {@code status} says whether the scores are final.
 *
 * <p>Since schema v2: {@code kind} and {@code modelName} say which model this is; each headline figure has its 95 %
 * Wilson interval over the images behind it (C-sev5 and C-all pool their slices' images, so the interval treats the
 * corrupted copies of one test image as independent and is narrower than a per-image cluster interval would be);
 * {@code comparisons} holds, for a final student, the paired comparisons against each final teacher of its run
 * (see {@link Comparison}). All are absent in v1 events.
 *
 * <p>Since schema v3: {@code metrics}, calibration, likelihood and the benchmark's corruption errors
 * ({@link RobustnessMetrics}); absent in v1 and v2 events.
 */
public record EvaluationSummary(String checkpointId, String runId, ModelRole role, int epoch, String dataset,
                                Double cleanTop1, Double cSev5, Double cAll,
                                Map<String, Map<Integer, Double>> perCorruption, List<String> missing,
                                Status status, ModelKind kind, String modelName, Interval cleanTop1Interval,
                                Interval cSev5Interval, Interval cAllInterval,
                                List<Comparison> comparisons, RobustnessMetrics metrics) implements Event {
    public enum Status {
        /** Clean and every corruption result in the evaluation's scope are in. */
        @JsonProperty("complete") COMPLETE,
        /** Some results are still missing or failed; the scores cover the rest. */
        @JsonProperty("partial") PARTIAL,
        /** No result succeeded. */
        @JsonProperty("failed") FAILED
    }

    private static final List<Integer> FULL_SEVERITIES = List.of(1, 2, 3, 4, 5);

    public EvaluationSummary {
        perCorruption = perCorruption == null ? Map.of() : Map.copyOf(perCorruption);
        missing = missing == null ? List.of() : List.copyOf(missing);
        comparisons = comparisons == null ? List.of() : List.copyOf(comparisons);
    }

    /** This summary with {@code comparisons} in place of its own. */
    public EvaluationSummary withComparisons(List<Comparison> comparisons) {
        return new EvaluationSummary(checkpointId, runId, role, epoch, dataset, cleanTop1, cSev5, cAll, perCorruption,
                missing, status, kind, modelName, cleanTop1Interval, cSev5Interval, cAllInterval, comparisons, metrics);
    }

    /** The model's name: {@code modelName}, or for a v1 summary the name its role and epoch give. */
    public String displayName() {
        return modelName != null ? modelName : ModelKind.describe(kind, role, epoch);
    }

    /**
     * Summarises the results of one checkpoint against the full scope: all 19 corruptions at severities 1–5.
     * When a key appears more than once, the later result wins, as it would in a compacted topic.
     */
    public static EvaluationSummary of(Collection<EvaluationResult> results) {
        return of(results, Corruption.all(), FULL_SEVERITIES);
    }

    /**
     * Summarises the results of one checkpoint (all must share its checkpoint id) against the scope the evaluation
     * was configured for: a corruption of {@code corruptions} is missing when it lacks a successful result at one
     * of {@code severities}. Results outside the scope still count towards the scores.
     */
    public static EvaluationSummary of(Collection<EvaluationResult> results, Collection<Corruption> corruptions,
                                       Collection<Integer> severities) {
        if (results.isEmpty()) throw new IllegalArgumentException("no evaluation results to summarise");
        EvaluationResult first = results.iterator().next();
        Double clean = null;
        Interval cleanInterval = null;
        EvaluationResult cleanResult = null;
        // The latest successful result per corruption/severity, for the pooled intervals.
        Map<String, EvaluationResult> counts = new TreeMap<>();
        Map<String, Map<Integer, Double>> table = new TreeMap<>();
        for (EvaluationResult result : results) {
            if (!result.checkpointId().equals(first.checkpointId())) {
                throw new IllegalArgumentException("results of checkpoints " + first.checkpointId() + " and "
                        + result.checkpointId() + " cannot share a summary");
            }
            Map<Integer, Double> bySeverity = table.get(result.corruption());
            if (result.status() != EvaluationResult.Status.OK) {
                if (result.isClean()) {
                    clean = null;
                    cleanInterval = null;
                    cleanResult = null;
                } else if (bySeverity != null) {
                    bySeverity.remove(result.severity());
                    counts.remove(result.corruption() + "/" + result.severity());
                }
            } else if (result.isClean()) {
                clean = result.top1();
                cleanInterval = result.top1Interval();
                cleanResult = result;
            } else {
                table.computeIfAbsent(result.corruption(), c -> new TreeMap<>()).put(result.severity(), result.top1());
                counts.put(result.corruption() + "/" + result.severity(), result);
            }
        }
        table.values().removeIf(Map::isEmpty);

        List<String> missing = new ArrayList<>();
        double sev5Sum = 0;
        int sev5Count = 0;
        double allSum = 0;
        int allCount = 0;
        for (Corruption corruption : Corruption.values()) {
            Map<Integer, Double> bySeverity = table.getOrDefault(corruption.id(), Map.of());
            if (corruptions.contains(corruption) && !bySeverity.keySet().containsAll(severities)) {
                missing.add(corruption.id());
            }
            for (Map.Entry<Integer, Double> entry : bySeverity.entrySet()) {
                allSum += entry.getValue();
                allCount++;
                if (entry.getKey() == Corruption.MAX_SEVERITY) {
                    sev5Sum += entry.getValue();
                    sev5Count++;
                }
            }
        }
        Status status = clean == null && allCount == 0 ? Status.FAILED
                : clean != null && missing.isEmpty() ? Status.COMPLETE : Status.PARTIAL;
        return new EvaluationSummary(first.checkpointId(), first.runId(), first.role(), first.epoch(), first.dataset(),
                clean, sev5Count == 0 ? null : sev5Sum / sev5Count, allCount == 0 ? null : allSum / allCount,
                table, missing, status, first.kind(), ModelKind.describe(first.kind(), first.role(), first.epoch()),
                cleanInterval, pooled(counts.values(), result -> result.severity() == Corruption.MAX_SEVERITY),
                pooled(counts.values(), result -> true), List.of(), RobustnessMetrics.of(cleanResult,
                        bySlice(counts.values())));
    }

    /** Corruption id → severity → result. */
    private static Map<String, Map<Integer, EvaluationResult>> bySlice(Collection<EvaluationResult> results) {
        Map<String, Map<Integer, EvaluationResult>> table = new TreeMap<>();
        results.forEach(result -> table.computeIfAbsent(result.corruption(), c -> new TreeMap<>())
                .put(result.severity(), result));
        return table;
    }

    /** The Wilson interval of all images of the chosen slices taken together; null when there are none. */
    private static Interval pooled(Collection<EvaluationResult> results, Predicate<EvaluationResult> chosen) {
        long correct = 0;
        long total = 0;
        for (EvaluationResult result : results) {
            if (!chosen.test(result)) continue;
            correct += result.correct();
            total += result.total();
        }
        return total == 0 ? null : Wilson.interval(correct, total);
    }

    @Override
    public String recordKey() {
        return RecordKeys.summary(checkpointId);
    }
}
