package dev.robust.augment.ingest;

import dev.robust.common.InvalidFieldException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidationSplitTest {
    private static final List<Long> INDICES = LongStream.range(0, 1000).boxed().toList();

    @Test
    void choosesExactlyTheRequestedNumberOfTrainingIndices() {
        Set<Long> chosen = ValidationSplit.choose(INDICES, 100, 0);
        assertEquals(100, chosen.size());
        assertTrue(INDICES.containsAll(chosen));
    }

    @Test
    void doesNotDependOnTheOrderImagesArrivedIn() {
        List<Long> shuffled = new ArrayList<>(INDICES);
        Collections.shuffle(shuffled);
        assertEquals(ValidationSplit.choose(INDICES, 100, 0), ValidationSplit.choose(shuffled, 100, 0));
        assertNotEquals(ValidationSplit.choose(INDICES, 100, 0), ValidationSplit.choose(INDICES, 100, 1));
    }

    @Test
    void spreadsOverTheIndexRangeRatherThanTakingTheLastOnes() {
        Set<Long> chosen = ValidationSplit.choose(INDICES, 100, 0);
        assertTrue(chosen.stream().anyMatch(i -> i < 500) && chosen.stream().anyMatch(i -> i >= 500));
    }

    @Test
    void refusesASplitThatLeavesNoTrainingImage() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> ValidationSplit.choose(INDICES, 1000, 0));
        assertEquals("validationSize", e.field());
    }
}
