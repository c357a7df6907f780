package dev.robust.imaging.randaugment;

import dev.robust.common.image.UInt8Image;

/**
 * The PIL-style "enhance" ops: each blends the image with a degenerate version of itself, {@code degenerate +
 * factor × (image − degenerate)} in float32, truncated to uint8 (clipped first when the factor extrapolates).
 * Factor 0 gives the degenerate image, 1 the original, above 1 exaggerates the difference.
 */
final class EnhanceOps {
    /** Luma weights of TensorFlow's {@code rgb_to_grayscale}. */
    private static final float LUMA_R = 0.2989f;
    private static final float LUMA_G = 0.5870f;
    private static final float LUMA_B = 0.1140f;

    private EnhanceOps() {
    }

    /** Blend towards/away from the grey version: saturation. */
    static UInt8Image color(UInt8Image image, float factor) {
        byte[] grey = new byte[image.data().length];
        byte[] src = image.data();
        for (int i = 0; i < src.length; i += 3) {
            byte g = (byte) greyLevel(src[i] & 0xFF, src[i + 1] & 0xFF, src[i + 2] & 0xFF);
            grey[i] = g;
            grey[i + 1] = g;
            grey[i + 2] = g;
        }
        return blend(grey, image, factor);
    }

    /**
     * Blend towards/away from a flat grey image. The reference takes that grey level as the sum of the grey
     * histogram divided by 256, which is the pixel count / 256 rather than the mean grey level (20 for 72×72
     * images); we keep that behaviour because it is what the recipe trained with.
     */
    static UInt8Image contrast(UInt8Image image, float factor) {
        float level = (float) (image.height() * image.width()) / 256f;
        byte flat = (byte) (int) Math.min(255f, Math.max(0f, level));
        byte[] degenerate = new byte[image.data().length];
        java.util.Arrays.fill(degenerate, flat);
        return blend(degenerate, image, factor);
    }

    /** Blend towards/away from black. */
    static UInt8Image brightness(UInt8Image image, float factor) {
        return blend(new byte[image.data().length], image, factor);
    }

    /**
     * Blend towards/away from a smoothed image (3×3 kernel [1 1 1; 1 5 1; 1 1 1] / 13); the one-pixel border keeps
     * the original values.
     */
    static UInt8Image sharpness(UInt8Image image, float factor) {
        int h = image.height();
        int w = image.width();
        int channels = image.channels();
        byte[] src = image.data();
        byte[] smooth = src.clone();
        int stride = w * channels;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int base = y * stride + x * channels;
                for (int c = 0; c < channels; c++) {
                    int i = base + c;
                    int sum = 5 * (src[i] & 0xFF)
                            + (src[i - stride - channels] & 0xFF) + (src[i - stride] & 0xFF)
                            + (src[i - stride + channels] & 0xFF) + (src[i - channels] & 0xFF)
                            + (src[i + channels] & 0xFF)
                            + (src[i + stride - channels] & 0xFF) + (src[i + stride] & 0xFF)
                            + (src[i + stride + channels] & 0xFF);
                    smooth[i] = (byte) (int) Math.min(255f, sum / 13f);
                }
            }
        }
        return blend(smooth, image, factor);
    }

    /** TensorFlow's rgb_to_grayscale on uint8: to [0,1] floats, weighted sum, back with ×255.5 and truncation. */
    static int greyLevel(int r, int g, int b) {
        float scale = 1f / 255f;
        float luma = (r * scale) * LUMA_R + (g * scale) * LUMA_G + (b * scale) * LUMA_B;
        return (int) (luma * 255.5f);
    }

    static UInt8Image blend(byte[] degenerate, UInt8Image image, float factor) {
        byte[] src = image.data();
        if (factor == 0f) return new UInt8Image(image.height(), image.width(), image.channels(), degenerate);
        if (factor == 1f) return image.copy();
        boolean interpolates = factor > 0f && factor < 1f;
        byte[] dst = new byte[src.length];
        for (int i = 0; i < src.length; i++) {
            float from = degenerate[i] & 0xFF;
            float value = from + factor * ((src[i] & 0xFF) - from);
            if (!interpolates) value = Math.min(255f, Math.max(0f, value));
            dst[i] = (byte) (int) value;
        }
        return new UInt8Image(image.height(), image.width(), image.channels(), dst);
    }
}
