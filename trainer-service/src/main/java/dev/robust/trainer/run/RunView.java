package dev.robust.trainer.run;

import dev.robust.common.event.EpochMetrics;

import java.util.List;

/**
 * A run as {@code GET /runs} shows it. Position fields ({@code step}, {@code stepsPerEpoch},
 * {@code imagesPerSecond}) are live only on the replica that trains the run ({@code trainer}); elsewhere they come
 * from the last finished epoch.
 *
 * @param engine     the engine the request named; null for requests from builds before runs named one (they train
 *                   with the trainer's {@code robust.trainer.engine})
 * @param etaSeconds estimated time to the end of the last epoch, assuming no early stop; null until measurable
 * @param teacherCheckpointId    the final teacher the student learnt from (SWA when SWA took snapshots)
 * @param rawTeacherCheckpointId the teacher's trained weights before SWA, when they are a final model of their own
 */
public record RunView(String runId, String profile, String engine, RunStatus status, String phase, Integer epoch, Integer step,
                      Integer stepsPerEpoch, Double imagesPerSecond, Long etaSeconds, String trainer, String dataset,
                      String reason, String teacherCheckpointId, String studentCheckpointId,
                      String rawTeacherCheckpointId, List<EpochSummary> history) {

    /** One finished epoch. */
    public record EpochSummary(String phase, int epoch, EpochMetrics metrics, String checkpointId) {
    }
}
