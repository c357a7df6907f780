package dev.robust.trainer.run;

import dev.robust.common.event.EpochDone;
import dev.robust.common.event.EpochMetrics;
import dev.robust.common.event.ModelRole;
import dev.robust.common.event.RunFailed;
import dev.robust.common.event.RunFinished;
import dev.robust.common.event.RunRequested;
import dev.robust.common.event.RunStarted;
import dev.robust.common.profile.RunProfile;
import dev.robust.trainer.training.RunProgress;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunBoardTest {
    private static final EpochMetrics METRICS = new EpochMetrics(1.0, 0.5, 1.1, 0.45, 1e-3, 100.0, Map.of());

    private static RunRequested requested(String runId) {
        Map<String, Object> overrides = Map.of("teacher.epochs", 2, "student.epochs", 2, "data.train-examples", 1000);
        return new RunRequested(runId, "ci", overrides,
                Map.copyOf(RunProfile.named("ci").withOverrides(overrides).asMap()), 42);
    }

    @Test
    void foldsTheLifecycleOfARunFromItsEvents() {
        RunBoard board = new RunBoard();
        board.apply(requested("r1"));
        assertEquals(RunStatus.REQUESTED, board.view("r1").orElseThrow().status());

        board.apply(new RunStarted("r1", "ci", "synthetic", 42));
        board.apply(new EpochDone("r1", ModelRole.TEACHER, 0, METRICS, "r1-teacher-0"));
        RunView running = board.view("r1").orElseThrow();
        assertEquals(RunStatus.RUNNING, running.status());
        assertEquals("synthetic", running.dataset());
        assertEquals(1, running.history().size());
        // 3 epochs of 1,000 images left at 100 images/s.
        assertEquals(30L, running.etaSeconds());

        board.apply(new RunFinished("r1", "r1-teacher-2", "r1-student-2"));
        RunView finished = board.view("r1").orElseThrow();
        assertEquals(RunStatus.FINISHED, finished.status());
        assertEquals("r1-student-2", finished.studentCheckpointId());
        assertNull(finished.etaSeconds());
        assertTrue(board.hasEnded("r1"));
    }

    @Test
    void liveProgressRefinesTheEtaUntilTheRunEnds() {
        RunBoard board = new RunBoard();
        board.apply(requested("r2"));
        // 16 steps of 32 images into the first of 4 epochs, at 50 images/s: (4000 - 512) / 50.
        board.progress("r2", new RunProgress(ModelRole.TEACHER, 0, 16, 32, 50.0), "trainer-a");
        RunView view = board.view("r2").orElseThrow();
        assertEquals(16, view.step());
        assertEquals("trainer-a", view.trainer());
        assertEquals(Math.round((4000 - 512) / 50.0), view.etaSeconds());

        board.apply(new RunFailed("r2", "disk full", ModelRole.TEACHER, 0));
        board.progress("r2", new RunProgress(ModelRole.TEACHER, 0, 17, 32, 50.0), "trainer-a");
        assertEquals(RunStatus.FAILED, board.view("r2").orElseThrow().status(), "progress after the end is ignored");
    }

    @Test
    void cancellationShowsAsCancelledAndAnEndedRunStaysEnded() {
        RunBoard board = new RunBoard();
        board.apply(requested("r3"));
        board.apply(new RunFailed("r3", RunBoard.CANCELLED_REASON, null, null));
        board.apply(new RunFailed("r3", "late failure from the trainer", null, null));
        RunView view = board.view("r3").orElseThrow();
        assertEquals(RunStatus.CANCELLED, view.status());
        assertEquals(RunBoard.CANCELLED_REASON, view.reason());
        assertFalse(board.isKnown("r4"));
    }
}
