package dev.robust.augment.pairs;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EpochOrderTest {

    @Test
    void aFullEpochIsAPermutationOfTheTrainingSet() {
        int[] order = EpochOrder.of(7, 3, 500, 500);
        assertArrayEquals(IntStream.range(0, 500).toArray(), Arrays.stream(order).sorted().toArray());
        assertFalse(Arrays.equals(IntStream.range(0, 500).toArray(), order), "shuffled");
    }

    @Test
    void sameSeedAndEpochGiveTheSameOrder() {
        assertArrayEquals(EpochOrder.of(7, 3, 200, 500), EpochOrder.of(7, 3, 200, 500));
    }

    @Test
    void aSubsetStaysFixedAcrossEpochsWhileItsOrderChanges() {
        int[] first = EpochOrder.of(7, 1, 100, 500);
        int[] second = EpochOrder.of(7, 2, 100, 500);
        assertFalse(Arrays.equals(first, second));
        assertArrayEquals(Arrays.stream(first).sorted().toArray(), Arrays.stream(second).sorted().toArray());
        assertEquals(100, Arrays.stream(first).distinct().count());
    }

    @Test
    void anotherSeedPicksAnotherSubset() {
        assertFalse(Arrays.equals(Arrays.stream(EpochOrder.of(7, 1, 100, 500)).sorted().toArray(),
                Arrays.stream(EpochOrder.of(8, 1, 100, 500)).sorted().toArray()));
    }

    @Test
    void refusesMoreExamplesThanImages() {
        assertThrows(IllegalArgumentException.class, () -> EpochOrder.of(7, 1, 501, 500));
    }
}
