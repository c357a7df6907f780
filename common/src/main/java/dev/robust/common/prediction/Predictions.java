package dev.robust.common.prediction;

import java.util.Arrays;

/**
 * What a model predicted for every image of one slice (the clean test set, or one corruption at one severity), one
 * byte per image, indexed by the image's dataset index (its record key on {@code cifar10.test} or
 * {@code cifar10c.*}). A byte holds the predicted class in its low seven bits and, in its high bit, whether that
 * was the image's label; {@code 0xFF} marks an index that was not scored (beyond the cap, or absent). So two
 * models' predictions can be compared image by image with no access to the labels.
 */
public final class Predictions {
    /** The code of an index that was not scored. */
    public static final int NOT_SCORED = 0xFF;
    /** Classes must fit the low seven bits, and class 127 is reserved so that 0xFF stays free. */
    public static final int MAX_CLASSES = 127;
    private static final int CORRECT_BIT = 0x80;

    private final byte[] codes;

    private Predictions(byte[] codes) {
        this.codes = codes;
    }

    /** Wraps codes as stored (see the class comment); every byte must be a valid code. */
    public static Predictions ofCodes(byte[] codes) {
        for (int i = 0; i < codes.length; i++) {
            int code = codes[i] & 0xFF;
            if (code != NOT_SCORED && (code & ~CORRECT_BIT) >= MAX_CLASSES) {
                throw new IllegalArgumentException("prediction code 0x" + Integer.toHexString(code) + " at index "
                        + i + " names class " + (code & ~CORRECT_BIT) + ", expected below " + MAX_CLASSES);
            }
        }
        return new Predictions(codes.clone());
    }

    /** Number of indices covered (scored or not): one more than the highest index scored. */
    public int size() {
        return codes.length;
    }

    public boolean scored(int index) {
        return index < codes.length && (codes[index] & 0xFF) != NOT_SCORED;
    }

    public boolean correct(int index) {
        return scored(index) && (codes[index] & CORRECT_BIT) != 0;
    }

    public int predictedClass(int index) {
        if (!scored(index)) throw new IllegalArgumentException("image " + index + " was not scored");
        return codes[index] & ~CORRECT_BIT & 0xFF;
    }

    public long scoredCount() {
        long count = 0;
        for (int i = 0; i < codes.length; i++) if (scored(i)) count++;
        return count;
    }

    public long correctCount() {
        long count = 0;
        for (int i = 0; i < codes.length; i++) if (correct(i)) count++;
        return count;
    }

    /** The stored codes (a copy). */
    public byte[] codes() {
        return codes.clone();
    }

    /** Fills codes by index as predictions arrive; indices never set stay {@link #NOT_SCORED}. */
    public static final class Builder {
        private byte[] codes = new byte[0];
        private int size;

        public Builder set(int index, int predictedClass, boolean correct) {
            if (index < 0) throw new IllegalArgumentException("image index must be >= 0, got " + index);
            if (predictedClass < 0 || predictedClass >= MAX_CLASSES) {
                throw new IllegalArgumentException("predicted class must be 0.." + (MAX_CLASSES - 1) + ", got "
                        + predictedClass);
            }
            if (index >= codes.length) {
                int grown = Math.max(index + 1, Math.max(64, codes.length * 2));
                int old = codes.length;
                codes = Arrays.copyOf(codes, grown);
                Arrays.fill(codes, old, grown, (byte) NOT_SCORED);
            }
            codes[index] = (byte) (predictedClass | (correct ? CORRECT_BIT : 0));
            size = Math.max(size, index + 1);
            return this;
        }

        public Predictions build() {
            return new Predictions(Arrays.copyOf(codes, size));
        }
    }
}
