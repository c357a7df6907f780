package dev.robust.trainer.run;

import dev.robust.common.event.EpochDone;
import dev.robust.common.event.ModelRole;
import dev.robust.common.event.RunEvent;
import dev.robust.common.event.RunFailed;
import dev.robust.common.event.RunFinished;
import dev.robust.common.event.RunRequested;
import dev.robust.common.event.RunStarted;
import dev.robust.common.profile.RunProfile;
import dev.robust.trainer.training.RunProgress;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What this replica knows of every run: folded from the {@code runs} topic (so every replica answers for all runs),
 * plus the live position of the run it trains itself.
 */
@ApplicationScoped
public class RunBoard {
    /** The reason a cancelled run's {@code RunFailed} carries; the board shows such runs as CANCELLED. */
    public static final String CANCELLED_REASON = "cancelled by the user";

    private final Map<String, RunState> runs = new LinkedHashMap<>();

    private static final class RunState {
        final String runId;
        RunRequested request;
        RunProfile profile;
        RunStatus status = RunStatus.REQUESTED;
        String dataset;
        String reason;
        ModelRole phase;
        Integer epoch;
        RunProgress live;
        String trainer;
        String teacherCheckpointId;
        String studentCheckpointId;
        String rawTeacherCheckpointId;
        final List<RunView.EpochSummary> history = new ArrayList<>();

        RunState(String runId) {
            this.runId = runId;
        }
    }

    /** Folds one event of the {@code runs} topic in; events arrive in order per run. */
    public synchronized void apply(RunEvent event) {
        RunState run = runs.computeIfAbsent(event.runId(), RunState::new);
        if (event instanceof RunRequested requested) {
            run.request = requested;
            run.profile = profileOf(requested);
        } else if (event instanceof RunStarted started) {
            if (!run.status.ended()) run.status = RunStatus.RUNNING;
            run.dataset = started.dataset();
        } else if (event instanceof EpochDone done) {
            run.history.removeIf(e -> e.phase().equals(done.phase().id()) && e.epoch() == done.epoch());
            run.history.add(new RunView.EpochSummary(done.phase().id(), done.epoch(), done.metrics(),
                    done.checkpointId()));
            run.phase = done.phase();
            run.epoch = done.epoch();
        } else if (event instanceof RunFinished finished) {
            run.status = RunStatus.FINISHED;
            run.teacherCheckpointId = finished.teacherCheckpointId();
            run.studentCheckpointId = finished.studentCheckpointId();
            run.rawTeacherCheckpointId = finished.rawTeacherCheckpointId();
            run.live = null;
        } else if (event instanceof RunFailed failed) {
            if (!run.status.ended()) {
                run.status = CANCELLED_REASON.equals(failed.reason()) ? RunStatus.CANCELLED : RunStatus.FAILED;
                run.reason = failed.reason();
            }
            run.live = null;
        }
        // EpochRequested: pair production is the augment-service's business; the board shows trained epochs.
    }

    /** The live position of a run this replica trains. */
    public synchronized void progress(String runId, RunProgress progress, String trainer) {
        RunState run = runs.computeIfAbsent(runId, RunState::new);
        if (run.status.ended()) return;
        run.status = RunStatus.RUNNING;
        run.live = progress;
        run.trainer = trainer;
        run.phase = progress.phase();
        run.epoch = progress.epoch();
    }

    public synchronized boolean isKnown(String runId) {
        return runs.containsKey(runId);
    }

    /** True once the run finished, failed or was cancelled: nothing may train it any more. */
    public synchronized boolean hasEnded(String runId) {
        RunState run = runs.get(runId);
        return run != null && run.status.ended();
    }

    public synchronized Optional<RunView> view(String runId) {
        return Optional.ofNullable(runs.get(runId)).map(RunBoard::toView);
    }

    public synchronized List<RunView> views() {
        return runs.values().stream().map(RunBoard::toView).toList();
    }

    private static RunView toView(RunState run) {
        RunProgress live = run.live;
        RunView.EpochSummary lastEpoch = run.history.isEmpty() ? null : run.history.get(run.history.size() - 1);
        Double imagesPerSecond = live != null && live.imagesPerSecond() > 0 ? Double.valueOf(live.imagesPerSecond())
                : lastEpoch == null ? null : lastEpoch.metrics().imagesPerSecond();
        return new RunView(run.runId, run.request == null ? null : run.request.profile(),
                run.request == null ? null : run.request.engine(), run.status,
                run.phase == null ? null : run.phase.id(), run.epoch, live == null ? null : live.step(),
                live == null ? null : live.stepsPerEpoch(), imagesPerSecond, eta(run, imagesPerSecond),
                run.trainer, run.dataset, run.reason, run.teacherCheckpointId, run.studentCheckpointId,
                run.rawTeacherCheckpointId, List.copyOf(run.history));
    }

    /** Images left to train over the throughput; validation and checkpoints are not counted. */
    private static Long eta(RunState run, Double imagesPerSecond) {
        if (run.status != RunStatus.RUNNING || run.profile == null || imagesPerSecond == null || imagesPerSecond <= 0) {
            return null;
        }
        long teacherDone = run.history.stream().filter(e -> e.phase().equals(ModelRole.TEACHER.id())).count();
        long studentDone = run.history.stream().filter(e -> e.phase().equals(ModelRole.STUDENT.id())).count();
        long epochsLeft = Math.max(0, run.profile.teacher().epochs() - teacherDone)
                + Math.max(0, run.profile.student().epochs() - studentDone);
        long imagesLeft = epochsLeft * run.profile.trainExamples();
        if (run.live != null) {
            imagesLeft -= (long) run.live.step() * run.profile.batchSize();
        }
        return Math.round(Math.max(0, imagesLeft) / imagesPerSecond);
    }

    private static RunProfile profileOf(RunRequested request) {
        try {
            return RunProfile.named(request.profile()).withOverrides(request.overrides());
        } catch (RuntimeException e) {
            // A request another build accepted but this one cannot read: show it without an ETA.
            return null;
        }
    }
}
