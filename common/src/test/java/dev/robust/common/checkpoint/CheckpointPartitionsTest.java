package dev.robust.common.checkpoint;

import dev.robust.common.event.CheckpointCreated;
import dev.robust.common.event.ModelKind;
import dev.robust.common.event.ModelRole;
import dev.robust.common.pairs.TrainPairsProtocol;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CheckpointPartitionsTest {
    private static final int COUNT = CheckpointPartitions.DEFAULT_COUNT;

    @Test
    void consecutiveEpochCheckpointsLandOnConsecutivePartitionsOffTheFinalsPartition() {
        for (String run : new String[] {"r1", "run-abc", "2026-12-07-x"}) {
            int home = CheckpointPartitions.of(claim(run, ModelRole.TEACHER, 5, true, ModelKind.SWA), COUNT);
            Set<Integer> used = new HashSet<>();
            for (int epoch = 0; epoch < COUNT - 1; epoch++) {
                int partition = CheckpointPartitions.of(claim(run, ModelRole.TEACHER, epoch, false, ModelKind.EPOCH),
                        COUNT);
                int next = CheckpointPartitions.of(claim(run, ModelRole.TEACHER, epoch + 1, false, ModelKind.EPOCH),
                        COUNT);
                assertEquals((partition + 1) % COUNT, next, run + " epoch " + epoch);
                assertNotEquals(home, partition, run + " epoch " + epoch + " shares the finals' partition");
                used.add(partition);
            }
            assertEquals(COUNT - 1, used.size(), run + ": epochs 0.." + (COUNT - 2) + " on distinct partitions");
        }
    }

    @Test
    void everyFinalModelOfARunSharesOnePartition() {
        int raw = CheckpointPartitions.of(claim("r9", ModelRole.TEACHER, 3, true, ModelKind.RAW), COUNT);
        int swa = CheckpointPartitions.of(claim("r9", ModelRole.TEACHER, 3, true, ModelKind.SWA), COUNT);
        int student = CheckpointPartitions.of(claim("r9", ModelRole.STUDENT, 2, true, ModelKind.FINAL), COUNT);
        assertEquals(raw, swa);
        assertEquals(raw, student);
        assertEquals(TrainPairsProtocol.partitionFor("r9", COUNT), raw);
    }

    @Test
    void oneOrNoPartitions() {
        assertEquals(0, CheckpointPartitions.of(claim("r1", ModelRole.STUDENT, 4, false, ModelKind.EPOCH), 1));
        assertThrows(IllegalArgumentException.class,
                () -> CheckpointPartitions.of(claim("r1", ModelRole.STUDENT, 4, false, ModelKind.EPOCH), 0));
    }

    private static CheckpointCreated claim(String run, ModelRole role, int epoch, boolean finalCheckpoint,
                                           ModelKind kind) {
        return new CheckpointCreated(run + "-" + role.id() + "-" + epoch, run, role, epoch, "smallcnn", "dl4j",
                "dl4j-zip", "file:///c", "00", 1, Map.of(), finalCheckpoint, "synthetic", Instant.EPOCH, kind);
    }
}
