package dev.robust.trainer.checkpoint;

import dev.robust.common.event.CheckpointCreated;
import dev.robust.common.event.EpochMetrics;

/**
 * What the store records next to each checkpoint: the claim check that was (or will be) published, the epoch's
 * metrics, the optimiser step reached, and whether a SWA state file was saved with it. Its presence is what makes
 * a checkpoint count: it is written last.
 */
public record JournalEntry(CheckpointCreated checkpoint, EpochMetrics metrics, long step, boolean swaSaved) {
}
