package dev.robust.common.image;

/**
 * An image with its class label (0..9 for CIFAR-10) and its index in the source split, which is the identity the
 * pipeline keys records by.
 */
public record LabeledImage(long index, int label, UInt8Image image) {
    public LabeledImage {
        if (index < 0) throw new IllegalArgumentException("index must be >= 0, got " + index);
        if (label < 0 || label > 255) throw new IllegalArgumentException("label must be 0..255, got " + label);
    }
}
