package dev.robust.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.robust.common.event.EvaluationResult;
import dev.robust.common.event.EvaluationSummary;
import dev.robust.common.event.ModelKind;
import dev.robust.common.event.ModelRole;
import dev.robust.common.profile.RunProfile;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProgressLineTest {
    private final StringWriter written = new StringWriter();
    private final ProgressLine log = new ProgressLine(new PrintWriter(written), false, RunProfile.named("quick"));

    @Test
    void showsPositionThroughputEtaLatestScoresAndTheCheckpointBeingScored() throws Exception {
        JsonNode run = new ObjectMapper().readTree("""
                {"runId": "run-1", "status": "RUNNING", "phase": "student", "epoch": 1, "step": 40,
                 "stepsPerEpoch": 79, "imagesPerSecond": 212.4, "etaSeconds": 95}""");
        log.show(run, Optional.of(summary()), Optional.of(new EvaluationFeed.Scoring("run-1-student-0", 12)));
        // quick: 1 clean result + 19 corruptions × 5 severities.
        assertEquals("running   student epoch 2/3 step 40/79  212 img/s  ETA 1:35"
                + "  | SWA teacher: clean 80.0% C-sev5 –  | scoring student-0 12/96\n", written.toString());
    }

    @Test
    void aLogGetsALineOnlyWhenSomethingMoved() throws Exception {
        JsonNode waiting = new ObjectMapper().readTree("{\"runId\": \"run-1\", \"status\": \"REQUESTED\"}");
        log.show(waiting, Optional.empty(), Optional.empty());
        log.show(waiting, Optional.empty(), Optional.empty());
        assertEquals(List.of("requested waiting for a trainer"), written.toString().lines().toList());
    }

    private static EvaluationSummary summary() {
        return EvaluationSummary.of(List.of(new EvaluationResult("run-1-teacher-2", "run-1", ModelRole.TEACHER, 2,
                "dl4j", "synthetic", EvaluationResult.CLEAN, 0, 80, 100, 0.8, EvaluationResult.Status.OK, null, ModelKind.SWA)));
    }
}
