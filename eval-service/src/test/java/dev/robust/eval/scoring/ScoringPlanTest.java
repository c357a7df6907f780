package dev.robust.eval.scoring;

import dev.robust.common.BadInputException;
import dev.robust.common.corruption.Corruption;
import org.junit.jupiter.api.Test;

import java.util.List;
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
}
