package dev.robust.eval.rest;

import dev.robust.common.InvalidFieldException;
import dev.robust.common.event.EvaluationResult;
import dev.robust.common.event.EvaluationSummary;
import dev.robust.common.event.NormalizedCorruptionError;
import dev.robust.common.event.NormalizedCorruptionError.IncomparableBaselineException;
import dev.robust.eval.scoring.ScoringPlan;
import dev.robust.eval.streams.EvaluationQueries;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code baseline} a report's corruption errors are normalized to ({@code ?baseline=<checkpoint id>}): each
 * checkpoint's {@link NormalizedCorruptionError}, or, where a checkpoint lacks the slices or images the baseline was
 * scored on, why it has none.
 */
public record BaselineNormalization(String baselineCheckpointId, String baselineName,
                                    Map<String, NormalizedCorruptionError> checkpoints,
                                    Map<String, String> unavailable) {

    /** Normalizes every summary to the baseline's; one that cannot be compared is listed with the reason. */
    static BaselineNormalization of(Collection<EvaluationSummary> summaries, EvaluationSummary baseline) {
        Map<String, NormalizedCorruptionError> normalized = new LinkedHashMap<>();
        Map<String, String> unavailable = new LinkedHashMap<>();
        for (EvaluationSummary summary : summaries) {
            try {
                normalized.put(summary.checkpointId(), NormalizedCorruptionError.of(summary, baseline));
            } catch (IncomparableBaselineException e) {
                unavailable.put(summary.checkpointId(), e.getMessage());
            }
        }
        return new BaselineNormalization(baseline.checkpointId(), baseline.displayName(), normalized, unavailable);
    }

    /**
     * The baseline's summary, from its results as they are now.
     *
     * @throws InvalidFieldException naming {@code baseline} when it has no evaluations, or is not scored on every
     *                               slice the normalization needs (clean and the 75 benchmark slices)
     */
    static EvaluationSummary baseline(String checkpointId, EvaluationQueries queries, ScoringPlan plan) {
        List<EvaluationResult> results = queries.forCheckpoint(checkpointId);
        if (results.isEmpty()) {
            throw new InvalidFieldException(NormalizedCorruptionError.FIELD, "baseline '" + checkpointId
                    + "' has no evaluations; expected the id of a scored checkpoint (GET /runs lists them)");
        }
        EvaluationSummary baseline = RunReport.summary(results, plan);
        NormalizedCorruptionError.requireBenchmark(baseline, "baseline");
        return baseline;
    }
}
