package dev.robust.common.event;

/**
 * How the augment-service draws the two views of a training example: optional horizontal flip, bilinear resize to
 * {@code resize}², random crop to {@code crop}², and for the noisy view RandAugment with the given layers and
 * magnitude (0..10). {@code resize == crop} means no crop.
 */
public record AugmentationConfig(int resize, int crop, boolean horizontalFlip, int randaugmentLayers,
                                 int randaugmentMagnitude) {
    /** The reference recipe: flip, resize to 96, crop 72, RandAugment(2, 9). */
    public static AugmentationConfig reference() {
        return new AugmentationConfig(96, 72, true, 2, 9);
    }
}
