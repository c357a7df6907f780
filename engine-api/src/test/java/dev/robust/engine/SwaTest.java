package dev.robust.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SwaTest {

    @Test
    void scheduleSnapshotsFromTheStartStepEveryKSteps() {
        var schedule = new SwaSchedule(10, 5);
        long[] snapshots = LongStream.range(0, 30).filter(schedule::snapshotAt).toArray();
        assertArrayEquals(new long[] {10, 15, 20, 25}, snapshots);
    }

    @Test
    void averageIsTheArithmeticMeanOfSnapshots() {
        var averager = new SwaAverager();
        averager.add(new float[] {1, 10, -3});
        averager.add(new float[] {2, 20, -3});
        averager.add(new float[] {6, 0, 3});
        assertEquals(3, averager.count());
        assertArrayEquals(new float[] {3, 10, -1}, averager.average(), 1e-6f);
    }

    @Test
    void runningMeanStaysAccurateOverManySnapshots() {
        var averager = new SwaAverager();
        int n = 10_000;
        for (int i = 1; i <= n; i++) {
            averager.add(new float[] {i, 0.1f});
        }
        assertEquals((n + 1) / 2.0, averager.average()[0], 1e-2);
        assertEquals(0.1, averager.average()[1], 1e-6);
    }

    @Test
    void averageIsACopy() {
        var averager = new SwaAverager();
        averager.add(new float[] {1});
        averager.average()[0] = 99;
        assertEquals(1, averager.average()[0]);
    }

    @Test
    void rejectsSnapshotsOfDifferentLengthsAndAnEmptyAverage() {
        var averager = new SwaAverager();
        assertThrows(IllegalStateException.class, averager::average);
        averager.add(new float[] {1, 2});
        assertThrows(IllegalArgumentException.class, () -> averager.add(new float[] {1}));
        assertFalse(new SwaSchedule(3, 2).snapshotAt(4));
        assertTrue(new SwaSchedule(3, 2).snapshotAt(5));
    }
}
