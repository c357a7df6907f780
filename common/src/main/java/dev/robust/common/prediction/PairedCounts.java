package dev.robust.common.prediction;

import dev.robust.common.stats.PairedDifference;

/**
 * Two models on the same images: how many images both scored, and on how many only the first or only the second
 * was right. Adds up across slices, so the severity-5 images of every corruption can be pooled.
 */
public record PairedCounts(long images, long firstOnly, long secondOnly) {
    public static final PairedCounts NONE = new PairedCounts(0, 0, 0);

    /** Counts over the indices both {@code first} and {@code second} scored. */
    public static PairedCounts of(Predictions first, Predictions second) {
        int size = Math.min(first.size(), second.size());
        long images = 0;
        long firstOnly = 0;
        long secondOnly = 0;
        for (int i = 0; i < size; i++) {
            if (!first.scored(i) || !second.scored(i)) continue;
            images++;
            boolean a = first.correct(i);
            boolean b = second.correct(i);
            if (a && !b) firstOnly++;
            else if (b && !a) secondOnly++;
        }
        return new PairedCounts(images, firstOnly, secondOnly);
    }

    public PairedCounts plus(PairedCounts other) {
        return new PairedCounts(images + other.images, firstOnly + other.firstOnly, secondOnly + other.secondOnly);
    }

    /** The difference first − second with its interval and test; requires at least one shared image. */
    public PairedDifference difference() {
        return PairedDifference.of(images, firstOnly, secondOnly);
    }
}
