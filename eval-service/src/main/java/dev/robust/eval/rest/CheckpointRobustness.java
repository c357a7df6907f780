package dev.robust.eval.rest;

import dev.robust.common.event.EvaluationSummary;
import dev.robust.common.event.NormalizedCorruptionError;
import dev.robust.common.event.RobustnessMetrics;
import dev.robust.common.stats.Interval;

/**
 * {@code GET /checkpoints/{id}/robustness}: which model, its clean top-1 and C-all with their intervals beside its
 * {@link RobustnessMetrics}, and, when a baseline is named, its corruption errors normalized to the baseline's.
 */
public record CheckpointRobustness(String checkpointId, String runId, String modelName, String dataset,
                                   EvaluationSummary.Status status, Double cleanTop1, Interval cleanTop1Interval,
                                   Double cAll, Interval cAllInterval, RobustnessMetrics metrics,
                                   NormalizedCorruptionError normalized) {

    static CheckpointRobustness of(EvaluationSummary summary, NormalizedCorruptionError normalized) {
        return new CheckpointRobustness(summary.checkpointId(), summary.runId(), summary.displayName(),
                summary.dataset(), summary.status(), summary.cleanTop1(), summary.cleanTop1Interval(),
                summary.cAll(), summary.cAllInterval(), summary.metrics(), normalized);
    }
}
