package dev.robust.augment.pairs;

import dev.robust.imaging.random.ImageRandom;

import java.util.Arrays;

/**
 * Which training images an epoch uses, and in which order — a pure function of (seed, epoch, examples, the
 * training set's size), so a repeated request gets the same order.
 *
 * <p>When a run asks for fewer examples than the training set holds, it trains on a fixed subset: the first
 * {@code examples} of a permutation seeded by the run seed alone, the same in every epoch. Each epoch then shuffles
 * that subset with a source seeded by (seed, epoch). Both streams use a key no image index can take (-1), so they
 * never coincide with a view's (seed, epoch, index) source.
 */
public final class EpochOrder {
    private static final long ORDER_STREAM = -1;

    private EpochOrder() {
    }

    /** Positions into the training set (0..size-1), in the order the epoch's pairs are produced. */
    public static int[] of(long seed, int epoch, int examples, int size) {
        if (examples < 1 || examples > size) {
            throw new IllegalArgumentException("examples must be 1.." + size + ", got " + examples);
        }
        int[] positions = new int[size];
        for (int i = 0; i < size; i++) positions[i] = i;
        if (examples < size) {
            shuffle(positions, examples, ImageRandom.forImage(seed, ORDER_STREAM, ORDER_STREAM));
            positions = Arrays.copyOf(positions, examples);
            Arrays.sort(positions);
        }
        shuffle(positions, examples, ImageRandom.forImage(seed, epoch, ORDER_STREAM));
        return positions;
    }

    /** Fisher–Yates: fixes the first {@code count} positions to a uniform draw without replacement. */
    private static void shuffle(int[] values, int count, ImageRandom random) {
        for (int i = 0; i < Math.min(count, values.length - 1); i++) {
            int j = i + random.nextInt(values.length - i);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
