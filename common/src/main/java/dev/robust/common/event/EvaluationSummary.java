package dev.robust.common.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.robust.common.corruption.Corruption;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The robustness scores of one checkpoint: clean top-1, C-sev5 (mean top-1 over the corruptions at severity 5),
 * C-all (mean over every corruption and severity), and the table behind them ({@code perCorruption}: corruption id →
 * severity → top-1). Scores are over what has been measured so far; {@code missing} lists the corruptions that lack
 * a successful result at some severity, and {@code status} says whether the scores are final.
 */
public record EvaluationSummary(String checkpointId, String runId, ModelRole role, int epoch, String dataset,
                                Double cleanTop1, Double cSev5, Double cAll,
                                Map<String, Map<Integer, Double>> perCorruption, List<String> missing,
                                Status status) implements Event {
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
        Map<String, Map<Integer, Double>> table = new TreeMap<>();
        for (EvaluationResult result : results) {
            if (!result.checkpointId().equals(first.checkpointId())) {
                throw new IllegalArgumentException("results of checkpoints " + first.checkpointId() + " and "
                        + result.checkpointId() + " cannot share a summary");
            }
            Map<Integer, Double> bySeverity = table.get(result.corruption());
            if (result.status() != EvaluationResult.Status.OK) {
                if (result.isClean()) clean = null;
                else if (bySeverity != null) bySeverity.remove(result.severity());
            } else if (result.isClean()) {
                clean = result.top1();
            } else {
                table.computeIfAbsent(result.corruption(), c -> new TreeMap<>()).put(result.severity(), result.top1());
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
                table, missing, status);
    }

    @Override
    public String recordKey() {
        return RecordKeys.summary(checkpointId);
    }
}
