package dev.robust.eval.rest;

import dev.robust.common.event.BaselineNormalization;
import dev.robust.common.event.CheckpointCreated;
import dev.robust.common.event.EvaluationResult;
import dev.robust.common.event.EvaluationSummary;
import dev.robust.eval.scoring.ScoringPlan;
import dev.robust.eval.streams.EvaluationQueries;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code GET /runs/{id}/report}: the summary of every checkpoint of a run, teacher epochs first, then student
 * epochs; {@code dataset} says what the images were (e.g. {@code synthetic}) so no report passes for CIFAR-10, and
 * {@code engines} which engines wrote the checkpoints. Scores and intervals are computed from the results as they are
 * now; a final student's paired comparisons come from the summary the eval-service published for it (they need the
 * per-image predictions, not the results). {@code scores} (checkpoint id → its slices and per-severity points with
 * their intervals) is filled for one run's report, where the charts need it, and left out of the list of all runs.
 * {@code header} names profile, engines, data, seeds and versions from the run's claim checks ({@link RunHeader}).
 * {@code baseline} holds the corruption errors normalized to the baseline a request names ({@code ?baseline=}).
 */
public record RunReport(String runId, String dataset, List<String> engines, RunHeader header,
                        List<EvaluationSummary> checkpoints, Map<String, CheckpointScores> scores,
                        BaselineNormalization baseline) {

    /** This report with each checkpoint's {@link CheckpointScores} from {@code results} (this run's results). */
    public RunReport withScores(Collection<EvaluationResult> results) {
        Map<String, List<EvaluationResult>> byCheckpoint = byCheckpoint(results);
        Map<String, CheckpointScores> scores = new LinkedHashMap<>();
        byCheckpoint.forEach((checkpoint, own) -> scores.put(checkpoint, CheckpointScores.of(own)));
        return new RunReport(runId, dataset, engines, header, checkpoints, scores, baseline);
    }

    /** This report with its checkpoints' corruption errors normalized to {@code baseline}'s. */
    public RunReport withBaseline(EvaluationSummary baseline) {
        return new RunReport(runId, dataset, engines, header, checkpoints, scores,
                BaselineNormalization.of(checkpoints, baseline));
    }

    /**
     * Groups one run's results (in {@link EvaluationQueries#ORDER}) by checkpoint and summarises each; {@code claims}
     * are the run's claim checks, for its header.
     */
    public static RunReport of(String runId, Collection<EvaluationResult> results, ScoringPlan plan,
                               Function<String, Optional<EvaluationSummary>> published,
                               Collection<CheckpointCreated> claims) {
        Map<String, List<EvaluationResult>> byCheckpoint = byCheckpoint(results);
        List<EvaluationSummary> summaries = byCheckpoint.entrySet().stream()
                .map(entry -> summary(entry.getValue(), plan).withComparisons(published.apply(entry.getKey())
                        .map(EvaluationSummary::comparisons).orElse(List.of())))
                .toList();
        String dataset = summaries.isEmpty() ? null : summaries.get(0).dataset();
        List<String> engines = results.stream().map(EvaluationResult::engine).filter(Objects::nonNull).distinct()
                .toList();
        return new RunReport(runId, dataset, engines, RunHeader.of(claims, results), summaries, null, null);
    }

    /** Results grouped by checkpoint, in the order they come. */
    static Map<String, List<EvaluationResult>> byCheckpoint(Collection<EvaluationResult> results) {
        Map<String, List<EvaluationResult>> byCheckpoint = new LinkedHashMap<>();
        for (EvaluationResult result : results) {
            byCheckpoint.computeIfAbsent(result.checkpointId(), id -> new ArrayList<>()).add(result);
        }
        return byCheckpoint;
    }

    /** One checkpoint's results summarised against the scope the service scores: complete when all of it is. */
    static EvaluationSummary summary(Collection<EvaluationResult> results, ScoringPlan plan) {
        return EvaluationSummary.of(results, plan.corruptions(), plan.severities());
    }

    /** Every run in the results, one report each, in run order; {@code claims}: every claim check there is. */
    public static List<RunReport> allRuns(List<EvaluationResult> results, ScoringPlan plan,
                                          Function<String, Optional<EvaluationSummary>> published,
                                          Collection<CheckpointCreated> claims) {
        Map<String, List<EvaluationResult>> byRun = new LinkedHashMap<>();
        for (EvaluationResult result : results) {
            byRun.computeIfAbsent(result.runId(), id -> new ArrayList<>()).add(result);
        }
        Map<String, List<CheckpointCreated>> claimsByRun = claims.stream()
                .collect(Collectors.groupingBy(CheckpointCreated::runId));
        return byRun.entrySet().stream().map(entry -> of(entry.getKey(), entry.getValue(), plan, published,
                claimsByRun.getOrDefault(entry.getKey(), List.of()))).toList();
    }
}
