package dev.robust.eval.rest;

import dev.robust.common.event.EvaluationResult;
import dev.robust.common.event.EvaluationSummary;
import dev.robust.common.event.NormalizedCorruptionError;

import java.util.List;

/**
 * {@code GET /checkpoints/{id}/report}: the checkpoint's summary and every result behind it; with
 * {@code ?baseline=}, its corruption errors normalized to the baseline's.
 */
public record CheckpointReport(EvaluationSummary summary, List<EvaluationResult> results,
                               NormalizedCorruptionError normalized) {
}
