package dev.robust.eval.rest;

import dev.robust.common.event.EvaluationResult;
import dev.robust.common.event.EvaluationSummary;

import java.util.List;

/** {@code GET /checkpoints/{id}/report}: the checkpoint's summary and every result behind it. */
public record CheckpointReport(EvaluationSummary summary, List<EvaluationResult> results) {
}
