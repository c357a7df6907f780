package dev.robust.common.checkpoint;

import dev.robust.common.event.CheckpointCreated;
import dev.robust.common.pairs.TrainPairsProtocol;

/**
 * How claim checks are laid out on {@code model.checkpoints}, so that eval-service replicas share the scoring; the
 * trainer writes by this rule, the eval-service creates the topic with {@link #DEFAULT_COUNT} partitions.
 *
 * <p>A run's epoch checkpoints go to consecutive partitions, so two that wait at once are on different partitions
 * and, with the eval-service's round-robin assignment, on different replicas. A run's final models (raw teacher, SWA
 * teacher, final student) all go to the run's home partition, in the order the trainer publishes them: one replica
 * scores them one after another, so the final student's verdicts always find both final teachers' predictions.
 */
public final class CheckpointPartitions {
    /**
     * Partitions the eval-service gives {@code model.checkpoints}: up to this many replicas score in parallel, and
     * 1, 2, 3 or 6 replicas get equal shares.
     */
    public static final int DEFAULT_COUNT = 6;

    private CheckpointPartitions() {
    }

    /** The partition of {@code claim} on a topic of {@code partitionCount} partitions. */
    public static int of(CheckpointCreated claim, int partitionCount) {
        if (partitionCount < 1) throw new IllegalArgumentException("partitionCount must be >= 1, got " + partitionCount);
        int home = TrainPairsProtocol.partitionFor(claim.runId(), partitionCount);
        if (claim.finalCheckpoint()) return home;
        // Epochs count from 0; the step past home keeps the first epoch checkpoint off the finals' partition.
        return Math.floorMod(home + 1 + claim.epoch(), partitionCount);
    }
}
