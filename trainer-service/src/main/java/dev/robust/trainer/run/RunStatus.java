package dev.robust.trainer.run;

/** Where a run is in its life, as the {@code runs} topic tells it. */
public enum RunStatus {
    /** Requested, waiting in Kafka for a free trainer. */
    REQUESTED,
    RUNNING,
    FINISHED,
    FAILED,
    CANCELLED;

    public boolean ended() {
        return this == FINISHED || this == FAILED || this == CANCELLED;
    }
}
