package dev.robust.eval.scoring;

import dev.robust.common.event.EvaluationResult;

/** Takes each result as soon as it is known, so dashboards update while the rest of a sweep runs. */
@FunctionalInterface
public interface ResultSink {
    void accept(EvaluationResult result);
}
