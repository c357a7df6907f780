package dev.robust.common.image;

import java.util.Objects;

/**
 * One training example as the student sees it: the teacher's clean view and the student's noisy view of the same
 * source image. The two views are drawn independently, so they may differ in size from each other and from the
 * source.
 */
public record CleanNoisyPair(long index, int label, UInt8Image clean, UInt8Image noisy) {
    public CleanNoisyPair {
        if (index < 0) throw new IllegalArgumentException("index must be >= 0, got " + index);
        if (label < 0 || label > 255) throw new IllegalArgumentException("label must be 0..255, got " + label);
        Objects.requireNonNull(clean, "clean");
        Objects.requireNonNull(noisy, "noisy");
    }
}
