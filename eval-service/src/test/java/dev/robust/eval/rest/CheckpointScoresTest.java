package dev.robust.eval.rest;

import dev.robust.common.event.EvaluationResult;
import dev.robust.common.event.ModelRole;
import dev.robust.common.stats.Wilson;
import dev.robust.eval.fixtures.Evaluations;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CheckpointScoresTest {
    @Test
    void eachScoredSeverityIsAPointWithThePooledIntervalOfItsImages() {
        CheckpointScores scores = CheckpointScores.of(List.of(
                Evaluations.ok("r", ModelRole.STUDENT, 0, "clean", 0, 80, 100),
                Evaluations.ok("r", ModelRole.STUDENT, 0, "fog", 5, 30, 100),
                Evaluations.ok("r", ModelRole.STUDENT, 0, "snow", 5, 50, 100)));

        assertEquals(List.of(0, 5), scores.bySeverity().stream().map(CheckpointScores.SeverityScore::severity).toList());
        CheckpointScores.SeverityScore severity5 = scores.bySeverity().get(1);
        assertEquals(0.4, severity5.top1(), 1e-12);
        assertEquals(200, severity5.images());
        assertEquals(Wilson.interval(80, 200), severity5.interval());
        assertEquals(2, severity5.corruptions());
        assertEquals(Wilson.interval(30, 100), scores.slices().get(1).interval());
    }

    @Test
    void aFailedSliceIsNeitherASliceNorAPoint() {
        EvaluationResult failed = new EvaluationResult("r-student-0", "r", ModelRole.STUDENT, 0, "dl4j", "synthetic",
                "fog", 3, 0, 0, 0, EvaluationResult.Status.FAILED, "checkpoint unreadable");
        CheckpointScores scores = CheckpointScores.of(List.of(failed,
                Evaluations.ok("r", ModelRole.STUDENT, 0, "fog", 1, 9, 10),
                Evaluations.ok("r", ModelRole.STUDENT, 0, "fog", 5, 5, 10)));

        assertEquals(List.of(1, 5), scores.bySeverity().stream().map(CheckpointScores.SeverityScore::severity).toList());
        assertEquals(2, scores.slices().size());
    }
}
