package dev.robust.common.event;

/** One training epoch finished; {@code checkpointId} names the checkpoint it wrote, or is null if it wrote none. */
public record EpochDone(String runId, ModelRole phase, int epoch, EpochMetrics metrics, String checkpointId)
        implements RunEvent {
}
