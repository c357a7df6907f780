package dev.robust.imaging.randaugment;

import dev.robust.common.image.RandAugmentGeometry;
import dev.robust.common.image.UInt8Image;
import dev.robust.imaging.random.ImageRandom;

/**
 * The 16 RandAugment ops in the order of tf-models-official's {@code RandAugment.available_ops}, each with its
 * magnitude mapping (magnitude on the 0..10 scale). Rotate, shear and translate flip the sign of their argument
 * with probability ½; geometric ops and Cutout fill with grey {@link #FILL}. Translate and Cutout sizes are the
 * recipe's pixels, scaled by the {@link RandAugmentGeometry} (1 when absolute).
 */
public enum AugmentOp {
    AUTO_CONTRAST {
        @Override
        public UInt8Image apply(UInt8Image image, double magnitude, RandAugmentGeometry geometry,
                                ImageRandom random) {
            return TonalOps.autoContrast(image);
        }
    },
    EQUALIZE {
        @Override
        public UInt8Image apply(UInt8Image image, double magnitude, RandAugmentGeometry geometry,
                                ImageRandom random) {
            return TonalOps.equalize(image);
        }
    },
    INVERT {
        @Override
        public UInt8Image apply(UInt8Image image, double magnitude, RandAugmentGeometry geometry,
                                ImageRandom random) {
            return TonalOps.invert(image);
        }
    },
    ROTATE {
        @Override
        public UInt8Image apply(UInt8Image image, double magnitude, RandAugmentGeometry geometry,
                                ImageRandom random) {
            return GeometricOps.rotate(image, randomSign(scaled(magnitude, 30), random), FILL);
        }
    },
    POSTERIZE {
        @Override
        public UInt8Image apply(UInt8Image image, double magnitude, RandAugmentGeometry geometry,
                                ImageRandom random) {
            return TonalOps.posterize(image, truncatedLevel(magnitude, 4));
        }
    },
    SOLARIZE {
        @Override
        public UInt8Image apply(UInt8Image image, double magnitude, RandAugmentGeometry geometry,
                                ImageRandom random) {
            return TonalOps.solarize(image, truncatedLevel(magnitude, 256));
        }
    },
    COLOR {
        @Override
        public UInt8Image apply(UInt8Image image, double magnitude, RandAugmentGeometry geometry,
                                ImageRandom random) {
            return EnhanceOps.color(image, enhanceFactor(magnitude));
        }
    },
    CONTRAST {
        @Override
        public UInt8Image apply(UInt8Image image, double magnitude, RandAugmentGeometry geometry,
                                ImageRandom random) {
            return EnhanceOps.contrast(image, enhanceFactor(magnitude));
        }
    },
    BRIGHTNESS {
        @Override
        public UInt8Image apply(UInt8Image image, double magnitude, RandAugmentGeometry geometry,
                                ImageRandom random) {
            return EnhanceOps.brightness(image, enhanceFactor(magnitude));
        }
    },
    SHARPNESS {
        @Override
        public UInt8Image apply(UInt8Image image, double magnitude, RandAugmentGeometry geometry,
                                ImageRandom random) {
            return EnhanceOps.sharpness(image, enhanceFactor(magnitude));
        }
    },
    SHEAR_X {
        @Override
        public UInt8Image apply(UInt8Image image, double magnitude, RandAugmentGeometry geometry,
                                ImageRandom random) {
            return GeometricOps.shearX(image, randomSign(scaled(magnitude, 0.3), random), FILL);
        }
    },
    SHEAR_Y {
        @Override
        public UInt8Image apply(UInt8Image image, double magnitude, RandAugmentGeometry geometry,
                                ImageRandom random) {
            return GeometricOps.shearY(image, randomSign(scaled(magnitude, 0.3), random), FILL);
        }
    },
    TRANSLATE_X {
        @Override
        public UInt8Image apply(UInt8Image image, double magnitude, RandAugmentGeometry geometry,
                                ImageRandom random) {
            double pixels = TRANSLATE_CONST * geometry.scale(image.width());
            return GeometricOps.translateX(image, randomSign(scaled(magnitude, pixels), random), FILL);
        }
    },
    TRANSLATE_Y {
        @Override
        public UInt8Image apply(UInt8Image image, double magnitude, RandAugmentGeometry geometry,
                                ImageRandom random) {
            double pixels = TRANSLATE_CONST * geometry.scale(image.height());
            return GeometricOps.translateY(image, randomSign(scaled(magnitude, pixels), random), FILL);
        }
    },
    CUTOUT {
        @Override
        public UInt8Image apply(UInt8Image image, double magnitude, RandAugmentGeometry geometry,
                                ImageRandom random) {
            double halfSize = CUTOUT_CONST * geometry.scale(Math.min(image.height(), image.width()));
            return Cutout.apply(image, truncatedLevel(magnitude, halfSize), FILL, random);
        }
    },
    SOLARIZE_ADD {
        @Override
        public UInt8Image apply(UInt8Image image, double magnitude, RandAugmentGeometry geometry,
                                ImageRandom random) {
            return TonalOps.solarizeAdd(image, truncatedLevel(magnitude, 110), 128);
        }
    };

    /** Grey used for pixels that geometric ops uncover and for Cutout. */
    public static final int FILL = 128;
    /** Maximum of the magnitude scale. */
    public static final double MAX_MAGNITUDE = 10;
    /** Translation in pixels at magnitude 10 (tf-models default; large for 72×72 images, kept as in the recipe). */
    static final double TRANSLATE_CONST = 100;
    /** Cutout half-size at magnitude 10 (tf-models default). */
    static final double CUTOUT_CONST = 40;

    /** Applies the op; ops that need randomness (sign, Cutout centre) draw it from {@code random}. */
    public abstract UInt8Image apply(UInt8Image image, double magnitude, RandAugmentGeometry geometry,
                                     ImageRandom random);

    private static float scaled(double magnitude, double max) {
        return (float) (magnitude / MAX_MAGNITUDE * max);
    }

    private static int truncatedLevel(double magnitude, double max) {
        return (int) (magnitude / MAX_MAGNITUDE * max);
    }

    /** Color, Contrast, Brightness, Sharpness: M/10·1.8 + 0.1, i.e. 0.1..1.9. */
    private static float enhanceFactor(double magnitude) {
        return (float) (magnitude / MAX_MAGNITUDE * 1.8 + 0.1);
    }

    private static float randomSign(float value, ImageRandom random) {
        return random.nextBoolean() ? value : -value;
    }
}
