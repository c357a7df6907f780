package dev.robust.common.event;

/**
 * A run completed; the ids name the checkpoints it kept as final (null for a phase the run did not train):
 * {@code teacherCheckpointId} the teacher the student learnt from (SWA, when SWA took snapshots),
 * {@code rawTeacherCheckpointId} the teacher's trained weights before SWA when they are a model of their own.
 */
public record RunFinished(String runId, String teacherCheckpointId, String studentCheckpointId,
                          String rawTeacherCheckpointId) implements RunEvent {

    /** A run without a separate raw teacher (and the event as builds before it wrote it). */
    public RunFinished(String runId, String teacherCheckpointId, String studentCheckpointId) {
        this(runId, teacherCheckpointId, studentCheckpointId, null);
    }
}
