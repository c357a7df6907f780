package dev.robust.eval.scoring;

import dev.robust.common.BadInputException;
import dev.robust.common.corruption.Corruption;
import dev.robust.common.event.CheckpointCreated;
import dev.robust.common.event.ModelKind;
import dev.robust.common.event.ModelRole;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ScoringPlanTest {
    @Test
    void readsAllOrAListOfCorruptionsAndRejectsBadSeveritiesAndCaps() {
        assertEquals(Corruption.values().length, ScoringPlan.corruptions(List.of("all")).size());
        assertEquals(List.of(Corruption.FOG, Corruption.SNOW), ScoringPlan.corruptions(List.of("fog", " snow")));
        assertThrows(BadInputException.class, () -> ScoringPlan.corruptions(List.of("fgo")));
        ScoringPlan plan = new ScoringPlan(List.of(Corruption.FOG), List.of(5, 1, 5), OptionalInt.empty(),
                OptionalInt.of(10), 32);
        assertEquals(List.of(1, 5), plan.severities());
        assertThrows(IllegalArgumentException.class, () -> new ScoringPlan(List.of(), List.of(6), OptionalInt.empty(),
                OptionalInt.empty(), 32));
        assertThrows(IllegalArgumentException.class, () -> new ScoringPlan(List.of(), List.of(1), OptionalInt.of(0),
                OptionalInt.empty(), 32));
    }

    @Test
    void epochCheckpointsTakeTheEpochCapsAndTheModelsARunEndsWithTheFullOnes() {
        ScoringPlan plan = new ScoringPlan(List.of(Corruption.FOG), List.of(5), OptionalInt.of(10_000),
                OptionalInt.of(10_000), OptionalInt.of(1_000), OptionalInt.of(100), 64);
        assertEquals(OptionalInt.of(1_000), plan.cleanImages(checkpoint(ModelKind.EPOCH, false)));
        assertEquals(OptionalInt.of(100), plan.imagesPerSeverity(checkpoint(ModelKind.EPOCH, false)));
        assertEquals(OptionalInt.of(100), plan.imagesPerSeverity(checkpoint(null, false)), "older builds' epochs");
        for (ModelKind kind : List.of(ModelKind.RAW, ModelKind.SWA, ModelKind.FINAL)) {
            assertEquals(OptionalInt.of(10_000), plan.cleanImages(checkpoint(kind, true)), kind.id());
            assertEquals(OptionalInt.of(10_000), plan.imagesPerSeverity(checkpoint(kind, true)), kind.id());
        }
        assertEquals(OptionalInt.of(10_000), plan.cleanImages(checkpoint(null, true)), "older builds' finals");

        ScoringPlan same = new ScoringPlan(List.of(), List.of(5), OptionalInt.of(40), OptionalInt.empty(), 64);
        assertEquals(OptionalInt.of(40), same.cleanImages(checkpoint(ModelKind.EPOCH, false)));
        assertEquals(OptionalInt.empty(), same.imagesPerSeverity(checkpoint(ModelKind.EPOCH, false)));
    }

    private static CheckpointCreated checkpoint(ModelKind kind, boolean finalCheckpoint) {
        return new CheckpointCreated("r-teacher-1", "r", ModelRole.TEACHER, 1, "resnet20", "torch", "torch-pt",
                "file:///tmp/x", "0".repeat(64), 1, Map.of(), finalCheckpoint, "cifar10", Instant.EPOCH, kind);
    }
}
