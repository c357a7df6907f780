package dev.robust.imaging.corruption;

import dev.robust.common.image.UInt8Image;

/**
 * The working format of the corruptions: a 32×32×3 HWC float array on the [0, 1] scale, the scale at which the
 * reference parameters are defined.
 */
final class Frame {
    static final int SIDE = 32;
    static final int CHANNELS = 3;
    static final int PIXELS = SIDE * SIDE;
    static final int LENGTH = PIXELS * CHANNELS;

    /**
     * Added before truncating to uint8: the reference truncates ({@code np.uint8}) float64 values, where an
     * untouched level b comes back as b; in float32, b/255·255 can land one ulp below b and would lose a level.
     */
    private static final float TRUNCATION_GUARD = 1e-3f;

    private Frame() {
    }

    static void checkShape(UInt8Image image) {
        if (image.height() != SIDE || image.width() != SIDE || image.channels() != CHANNELS) {
            throw new IllegalArgumentException("CIFAR-10-C corruptions are defined for 32×32×3 images, got " + image);
        }
    }

    static float[] toUnit(UInt8Image image) {
        byte[] src = image.data();
        float[] out = new float[src.length];
        for (int i = 0; i < src.length; i++) out[i] = (src[i] & 0xFF) / 255f;
        return out;
    }

    /** Clips to [0, 1], scales to 0..255 and truncates, as the reference's final {@code np.uint8} does. */
    static UInt8Image toImage(float[] unit) {
        byte[] out = new byte[unit.length];
        for (int i = 0; i < unit.length; i++) out[i] = (byte) (int) (clip01(unit[i]) * 255f + TRUNCATION_GUARD);
        return new UInt8Image(SIDE, SIDE, CHANNELS, out);
    }

    static float clip01(float v) {
        return v < 0f ? 0f : Math.min(v, 1f);
    }

    /** OpenCV's RGB→grey luma on [0, 1] values. */
    static float grey(float[] rgb, int pixel) {
        int i = pixel * CHANNELS;
        return 0.299f * rgb[i] + 0.587f * rgb[i + 1] + 0.114f * rgb[i + 2];
    }
}
