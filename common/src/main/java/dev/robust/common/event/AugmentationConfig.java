package dev.robust.common.event;

import dev.robust.common.image.RandAugmentGeometry;

/**
 * How the augment-service draws the two views of a training example: optional horizontal flip, bilinear resize to
 * {@code resize}², random crop to {@code crop}², and for the noisy view RandAugment with the given layers,
 * magnitude (0..10) and geometry (translate and cutout in the recipe's pixels or scaled with the view).
 * {@code resize == crop} means no crop.
 */
public record AugmentationConfig(int resize, int crop, boolean horizontalFlip, int randaugmentLayers,
                                 int randaugmentMagnitude, RandAugmentGeometry randaugmentGeometry) {
    public AugmentationConfig {
        // Requests written before the geometry was a setting carry none, and meant the recipe's pixels.
        if (randaugmentGeometry == null) randaugmentGeometry = RandAugmentGeometry.ABSOLUTE;
    }

    /** The reference recipe: flip, resize to 96, crop 72, RandAugment(2, 9) in the recipe's pixels. */
    public static AugmentationConfig reference() {
        return new AugmentationConfig(96, 72, true, 2, 9, RandAugmentGeometry.ABSOLUTE);
    }
}
