package dev.robust.trainer.training;

import dev.robust.common.event.CheckpointCreated;
import dev.robust.common.event.EpochDone;
import dev.robust.common.profile.RunProfile;
import dev.robust.engine.Engine;
import dev.robust.trainer.checkpoint.JournalEntry;
import dev.robust.trainer.checkpoint.RunJournal;
import dev.robust.service.messaging.EventPublisher;
import dev.robust.trainer.pairs.EpochRequests;
import dev.robust.trainer.pairs.PairStream;

import java.time.Duration;

/** Everything the phases of one run share while it trains. */
record RunContext(String runId, RunProfile profile, Engine engine, EventPublisher publisher, PairStream pairs,
                  EpochRequests requests, ValidationSet validation, RunJournal journal, RunControl control,
                  TrainingMetrics metrics) {

    /** Publishes a recorded checkpoint's claim check, and for an epoch checkpoint the epoch's end. */
    void announce(JournalEntry entry) {
        CheckpointCreated claim = entry.checkpoint();
        long start = System.nanoTime();
        publisher.publish(claim);
        if (!claim.finalCheckpoint()) {
            publisher.publish(new EpochDone(runId, claim.role(), claim.epoch(), entry.metrics(), claim.checkpointId()));
        }
        metrics.published(claim, Duration.ofNanos(System.nanoTime() - start));
    }

    String dataset() {
        return validation.datasetLabel();
    }
}
