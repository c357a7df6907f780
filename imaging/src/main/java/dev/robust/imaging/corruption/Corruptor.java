package dev.robust.imaging.corruption;

import dev.robust.common.corruption.Corruption;
import dev.robust.common.image.UInt8Image;
import dev.robust.imaging.random.ImageRandom;

/**
 * Applies one of the 19 CIFAR-10-C corruptions at severity 1–5 to a 32×32×3 uint8 image, with the parameters of
 * Hendrycks &amp; Dietterich's CIFAR generator (see docs/corruptions.md for each one and every deviation).
 * Stateless and thread-safe; all randomness comes from the given source, so a source seeded per
 * (seed, corruption, severity, index) — see {@link #randomFor} — makes the data set reproducible image by image.
 */
public final class Corruptor {
    private static final int[] JPEG_QUALITY = {80, 65, 58, 50, 40};

    private Corruptor() {
    }

    /** The random source for one image of a generated data set. */
    public static ImageRandom randomFor(long seed, Corruption corruption, int severity, long index) {
        return ImageRandom.forImage(seed, corruption.ordinal(), severity, index);
    }

    public static UInt8Image apply(Corruption corruption, int severity, UInt8Image image, ImageRandom random) {
        if (severity < Corruption.MIN_SEVERITY || severity > Corruption.MAX_SEVERITY) {
            throw new IllegalArgumentException("severity must be " + Corruption.MIN_SEVERITY + ".."
                    + Corruption.MAX_SEVERITY + ", got " + severity);
        }
        Frame.checkShape(image);
        switch (corruption) {
            case PIXELATE:
                return Pixelate.apply(image, severity);
            case JPEG_COMPRESSION:
                return JpegRoundTrip.apply(image, JPEG_QUALITY[severity - 1]);
            case FROST:
                return Frost.apply(image, severity, random);
            default:
                return Frame.toImage(applyToFrame(corruption, severity, Frame.toUnit(image), random));
        }
    }

    private static float[] applyToFrame(Corruption corruption, int s, float[] x, ImageRandom random) {
        return switch (corruption) {
            case GAUSSIAN_NOISE -> NoiseCorruptions.gaussianNoise(x, s, random);
            case SHOT_NOISE -> NoiseCorruptions.shotNoise(x, s, random);
            case IMPULSE_NOISE -> NoiseCorruptions.impulseNoise(x, s, random);
            case SPECKLE_NOISE -> NoiseCorruptions.speckleNoise(x, s, random);
            case DEFOCUS_BLUR -> BlurCorruptions.defocusBlur(x, s);
            case GLASS_BLUR -> BlurCorruptions.glassBlur(x, s, random);
            case MOTION_BLUR -> BlurCorruptions.motionBlur(x, s, random);
            case ZOOM_BLUR -> BlurCorruptions.zoomBlur(x, s);
            case GAUSSIAN_BLUR -> BlurCorruptions.gaussianBlur(x, s);
            case SNOW -> WeatherCorruptions.snow(x, s, random);
            case FOG -> WeatherCorruptions.fog(x, s, random);
            case BRIGHTNESS -> DigitalCorruptions.brightness(x, s);
            case CONTRAST -> DigitalCorruptions.contrast(x, s);
            case SATURATE -> DigitalCorruptions.saturate(x, s);
            case ELASTIC_TRANSFORM -> DigitalCorruptions.elasticTransform(x, s, random);
            case SPATTER -> Spatter.apply(x, s, random);
            case PIXELATE, JPEG_COMPRESSION, FROST -> throw new IllegalStateException(corruption + " works on bytes");
        };
    }
}
