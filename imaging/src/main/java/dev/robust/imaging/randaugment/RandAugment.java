package dev.robust.imaging.randaugment;

import dev.robust.common.image.RandAugmentGeometry;
import dev.robust.common.image.UInt8Image;
import dev.robust.imaging.random.ImageRandom;

import java.util.Objects;

/**
 * RandAugment with tf-models-official semantics: for each of {@code layers} layers, draw one of 17 outcomes
 * uniformly — the 16 {@link AugmentOp}s or identity — and always apply it at the fixed magnitude, with translate
 * and cutout sized by the {@link RandAugmentGeometry}.
 * Works on 3-channel uint8 images of any size. Thread-safe (stateless).
 */
public final class RandAugment {
    /** Number of outcomes per layer: every op plus identity. */
    private static final AugmentOp[] OPS = AugmentOp.values();
    public static final int OUTCOMES = OPS.length + 1;

    private final int layers;
    private final double magnitude;
    private final RandAugmentGeometry geometry;

    public RandAugment(int layers, double magnitude, RandAugmentGeometry geometry) {
        if (layers < 0) throw new IllegalArgumentException("layers must be >= 0, got " + layers);
        if (!(magnitude >= 0 && magnitude <= AugmentOp.MAX_MAGNITUDE)) {
            throw new IllegalArgumentException("magnitude must be in 0.." + AugmentOp.MAX_MAGNITUDE
                    + ", got " + magnitude);
        }
        this.layers = layers;
        this.magnitude = magnitude;
        this.geometry = Objects.requireNonNull(geometry, "geometry");
    }

    public UInt8Image apply(UInt8Image image, ImageRandom random) {
        if (image.channels() != 3) {
            throw new IllegalArgumentException("RandAugment needs an RGB image, got " + image);
        }
        UInt8Image current = image;
        for (int layer = 0; layer < layers; layer++) {
            AugmentOp op = draw(random);
            if (op != null) current = op.apply(current, magnitude, geometry, random);
        }
        return current;
    }

    /** One layer's choice: an op, or {@code null} for the identity outcome. */
    static AugmentOp draw(ImageRandom random) {
        int outcome = random.nextInt(OUTCOMES);
        return outcome < OPS.length ? OPS[outcome] : null;
    }
}
