package dev.robust.eval.scoring;

import java.util.BitSet;

/**
 * Correct and total predictions for one slice of a sweep (the clean test set, or one corruption at one severity),
 * plus which image indices were already counted: a topic may hold the same image twice (re-ingest before
 * compaction), and it must count once. One bit per index keeps this small however large the data set is.
 */
final class Tally {
    private final BitSet seen = new BitSet();
    private long correct;
    private long total;

    /** Claims {@code index} for scoring; false when it was already counted. */
    boolean claim(long index) {
        if (index > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("image index " + index + " exceeds the supported range");
        }
        int bit = (int) index;
        if (seen.get(bit)) return false;
        seen.set(bit);
        total++;
        return true;
    }

    void countCorrect() {
        correct++;
    }

    long correct() {
        return correct;
    }

    long total() {
        return total;
    }
}
