package dev.robust.eval.scoring;

import dev.robust.common.event.EvaluationSummary;

import java.util.Optional;

/**
 * How scoring one checkpoint ended: its summary, and, when the checkpoint itself was unusable (hash mismatch,
 * unknown engine, unreadable file), why it was rejected; the checkpoint record then belongs in the dead-letter topic.
 */
public record Evaluation(EvaluationSummary summary, Optional<String> rejection) {
}
