package dev.robust.common.event;

/** A run completed; the ids name the checkpoints it kept as final (null for a phase the run did not train). */
public record RunFinished(String runId, String teacherCheckpointId, String studentCheckpointId) implements RunEvent {
}
