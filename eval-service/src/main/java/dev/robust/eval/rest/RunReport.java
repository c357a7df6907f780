package dev.robust.eval.rest;

import dev.robust.common.event.EvaluationResult;
import dev.robust.common.event.EvaluationSummary;
import dev.robust.eval.scoring.ScoringPlan;
import dev.robust.eval.streams.EvaluationQueries;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code GET /runs/{id}/report}: the summary of every checkpoint of a run, teacher epochs first, then student
 * epochs; {@code dataset} says what the images were (e.g. {@code synthetic}) so no report passes for CIFAR-10.
 * Scores and intervals are computed from the results as they are now; a final student's paired comparisons come
 * from the summary the eval-service published for it (they need the per-image predictions, not the results).
 */
public record RunReport(String runId, String dataset, List<EvaluationSummary> checkpoints) {

    /** Groups one run's results (in {@link EvaluationQueries#ORDER}) by checkpoint and summarises each. */
    public static RunReport of(String runId, Collection<EvaluationResult> results, ScoringPlan plan,
                               Function<String, Optional<EvaluationSummary>> published) {
        Map<String, List<EvaluationResult>> byCheckpoint = new LinkedHashMap<>();
        for (EvaluationResult result : results) {
            byCheckpoint.computeIfAbsent(result.checkpointId(), id -> new ArrayList<>()).add(result);
        }
        List<EvaluationSummary> summaries = byCheckpoint.entrySet().stream()
                .map(entry -> summary(entry.getValue(), plan).withComparisons(published.apply(entry.getKey())
                        .map(EvaluationSummary::comparisons).orElse(List.of())))
                .toList();
        String dataset = summaries.isEmpty() ? null : summaries.get(0).dataset();
        return new RunReport(runId, dataset, summaries);
    }

    /** One checkpoint's results summarised against the scope the service scores: complete when all of it is. */
    static EvaluationSummary summary(Collection<EvaluationResult> results, ScoringPlan plan) {
        return EvaluationSummary.of(results, plan.corruptions(), plan.severities());
    }

    /** Every run in the results, one report each, in run order. */
    public static List<RunReport> allRuns(List<EvaluationResult> results, ScoringPlan plan,
                                          Function<String, Optional<EvaluationSummary>> published) {
        Map<String, List<EvaluationResult>> byRun = new LinkedHashMap<>();
        for (EvaluationResult result : results) {
            byRun.computeIfAbsent(result.runId(), id -> new ArrayList<>()).add(result);
        }
        return byRun.entrySet().stream().map(entry -> of(entry.getKey(), entry.getValue(), plan, published)).toList();
    }
}
