package dev.robust.imaging.view;

import dev.robust.common.image.RandAugmentGeometry;

/**
 * Parameters of the training views.
 *
 * @param resizeTo             side of the bilinear resize applied to the (possibly flipped) source image
 * @param cropTo               side of the random square crop taken from the resized image (the model input)
 * @param randAugmentLayers    RandAugment ops applied in sequence to the noisy view
 * @param randAugmentMagnitude RandAugment magnitude on the 0..10 scale
 * @param randAugmentGeometry  translate and cutout in the recipe's pixels or scaled with the view
 */
public record ViewConfig(int resizeTo, int cropTo, int randAugmentLayers, double randAugmentMagnitude,
                         RandAugmentGeometry randAugmentGeometry) {
    /** The recipe: resize 96, crop 72, RandAugment(num_layers=2, magnitude=9) in the recipe's pixels. */
    public static final ViewConfig RECIPE = new ViewConfig(96, 72, 2, 9, RandAugmentGeometry.ABSOLUTE);

    public ViewConfig {
        if (resizeTo < 1 || cropTo < 1 || cropTo > resizeTo) {
            throw new IllegalArgumentException("need 1 <= cropTo <= resizeTo, got resizeTo=" + resizeTo
                    + ", cropTo=" + cropTo);
        }
        if (randAugmentLayers < 0) {
            throw new IllegalArgumentException("randAugmentLayers must be >= 0, got " + randAugmentLayers);
        }
        if (!(randAugmentMagnitude >= 0 && randAugmentMagnitude <= 10)) {
            throw new IllegalArgumentException("randAugmentMagnitude must be in 0..10, got " + randAugmentMagnitude);
        }
        if (randAugmentGeometry == null) throw new IllegalArgumentException("randAugmentGeometry must be given");
    }
}
