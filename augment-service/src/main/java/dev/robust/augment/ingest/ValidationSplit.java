package dev.robust.augment.ingest;

import dev.robust.common.InvalidFieldException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Which training images become validation images: {@code size} indices drawn without replacement by a seeded
 * Fisher–Yates pass over the sorted training indices. Seeded rather than "the last N" so that the choice does not
 * depend on the order a source numbers its images in, where the last N could share one class; the same source, size
 * and seed always give the same split, so a re-ingest lands on the same keys.
 */
public final class ValidationSplit {
    private ValidationSplit() {
    }

    public static Set<Long> choose(List<Long> trainingIndices, int size, long seed) {
        if (size < 0 || size >= trainingIndices.size()) {
            throw new InvalidFieldException("validationSize", "validationSize must be 0.." + (trainingIndices.size() - 1)
                    + " for a training split of " + trainingIndices.size() + " images, got " + size);
        }
        List<Long> indices = new ArrayList<>(trainingIndices);
        Collections.sort(indices);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            Collections.swap(indices, i, i + random.nextInt(indices.size() - i));
        }
        return new HashSet<>(indices.subList(0, size));
    }
}
