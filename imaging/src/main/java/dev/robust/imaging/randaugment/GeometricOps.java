package dev.robust.imaging.randaugment;

import dev.robust.common.image.UInt8Image;

/**
 * Rotate, shear and translate as inverse affine maps with nearest-neighbour sampling: output pixel (x, y) takes
 * the input pixel nearest to (a0·x + a1·y + a2, b0·x + b1·y + b2); positions outside the input get the fill value.
 * Coordinates are computed in float32 and rounded half away from zero, like TensorFlow's projective transform.
 */
final class GeometricOps {
    private GeometricOps() {
    }

    /** Counter-clockwise rotation (on screen) by {@code degrees} about the image centre. */
    static UInt8Image rotate(UInt8Image image, float degrees, int fill) {
        float radians = (float) (degrees * (Math.PI / 180.0));
        float cos = (float) StrictMath.cos(radians);
        float sin = (float) StrictMath.sin(radians);
        float maxX = image.width() - 1;
        float maxY = image.height() - 1;
        float offsetX = (maxX - (cos * maxX - sin * maxY)) / 2f;
        float offsetY = (maxY - (sin * maxX + cos * maxY)) / 2f;
        return inverseAffine(image, cos, -sin, offsetX, sin, cos, offsetY, fill);
    }

    /** Output (x, y) reads input (x + level·y, y). */
    static UInt8Image shearX(UInt8Image image, float level, int fill) {
        return inverseAffine(image, 1f, level, 0f, 0f, 1f, 0f, fill);
    }

    /** Output (x, y) reads input (x, level·x + y). */
    static UInt8Image shearY(UInt8Image image, float level, int fill) {
        return inverseAffine(image, 1f, 0f, 0f, level, 1f, 0f, fill);
    }

    /** Output (x, y) reads input (x + pixels, y): content moves left for positive {@code pixels}. */
    static UInt8Image translateX(UInt8Image image, float pixels, int fill) {
        return inverseAffine(image, 1f, 0f, pixels, 0f, 1f, 0f, fill);
    }

    /** Output (x, y) reads input (x, y + pixels): content moves up for positive {@code pixels}. */
    static UInt8Image translateY(UInt8Image image, float pixels, int fill) {
        return inverseAffine(image, 1f, 0f, 0f, 0f, 1f, pixels, fill);
    }

    private static UInt8Image inverseAffine(UInt8Image image, float a0, float a1, float a2,
                                            float b0, float b1, float b2, int fill) {
        int h = image.height();
        int w = image.width();
        int channels = image.channels();
        byte[] src = image.data();
        byte[] dst = new byte[src.length];
        byte fillByte = (byte) fill;
        int o = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sx = roundHalfAwayFromZero(a0 * x + a1 * y + a2);
                int sy = roundHalfAwayFromZero(b0 * x + b1 * y + b2);
                if (sx >= 0 && sx < w && sy >= 0 && sy < h) {
                    System.arraycopy(src, (sy * w + sx) * channels, dst, o, channels);
                } else {
                    for (int c = 0; c < channels; c++) dst[o + c] = fillByte;
                }
                o += channels;
            }
        }
        return new UInt8Image(h, w, channels, dst);
    }

    private static int roundHalfAwayFromZero(float v) {
        // Clamp first so far-away coordinates cannot overflow int; anything beyond ±2^20 is outside the image.
        float clamped = Math.max(-1e6f, Math.min(1e6f, v));
        return clamped >= 0 ? (int) Math.floor(clamped + 0.5f) : -(int) Math.floor(-clamped + 0.5f);
    }
}
