package dev.robust.common.event;

/** The events of one run's lifecycle, all on the {@code runs} topic and keyed by run id so they stay in order. */
public sealed interface RunEvent extends Event
        permits RunRequested, RunStarted, EpochRequested, EpochDone, RunFinished, RunFailed {
    String runId();

    @Override
    default String recordKey() {
        return RecordKeys.run(runId());
    }
}
