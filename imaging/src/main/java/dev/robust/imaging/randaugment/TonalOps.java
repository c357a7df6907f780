package dev.robust.imaging.randaugment;

import dev.robust.common.image.UInt8Image;

/**
 * The RandAugment ops that remap grey levels, each channel on its own: Invert, Posterize, Solarize, SolarizeAdd,
 * AutoContrast and Equalize. Integer arithmetic except AutoContrast, which scales in float32 and truncates as the
 * reference does.
 */
final class TonalOps {
    private static final int LEVELS = 256;

    private TonalOps() {
    }

    static UInt8Image invert(UInt8Image image) {
        int[] lut = new int[LEVELS];
        for (int v = 0; v < LEVELS; v++) lut[v] = 255 - v;
        return applyToAllChannels(image, lut);
    }

    /** Keeps the {@code bits} most significant bits of every sample (0..8). */
    static UInt8Image posterize(UInt8Image image, int bits) {
        if (bits < 0 || bits > 8) throw new IllegalArgumentException("posterize bits must be 0..8, got " + bits);
        int shift = 8 - bits;
        int[] lut = new int[LEVELS];
        for (int v = 0; v < LEVELS; v++) lut[v] = (v >> shift) << shift;
        return applyToAllChannels(image, lut);
    }

    /** Inverts every sample at or above {@code threshold}. */
    static UInt8Image solarize(UInt8Image image, int threshold) {
        int[] lut = new int[LEVELS];
        for (int v = 0; v < LEVELS; v++) lut[v] = v < threshold ? v : 255 - v;
        return applyToAllChannels(image, lut);
    }

    /** Adds {@code addition} (clipped to 0..255) to every sample below {@code threshold}. */
    static UInt8Image solarizeAdd(UInt8Image image, int addition, int threshold) {
        int[] lut = new int[LEVELS];
        for (int v = 0; v < LEVELS; v++) lut[v] = v < threshold ? Math.min(255, Math.max(0, v + addition)) : v;
        return applyToAllChannels(image, lut);
    }

    /** Stretches each channel linearly so that its minimum becomes 0 and its maximum 255; flat channels stay. */
    static UInt8Image autoContrast(UInt8Image image) {
        int channels = image.channels();
        int[][] luts = new int[channels][];
        for (int c = 0; c < channels; c++) {
            int[] histogram = histogram(image, c);
            int lo = 0;
            while (lo < 255 && histogram[lo] == 0) lo++;
            int hi = 255;
            while (hi > 0 && histogram[hi] == 0) hi--;
            int[] lut = identity();
            if (hi > lo) {
                float scale = 255f / (hi - lo);
                float offset = -lo * scale;
                for (int v = 0; v < LEVELS; v++) lut[v] = (int) Math.min(255f, Math.max(0f, v * scale + offset));
            }
            luts[c] = lut;
        }
        return applyPerChannel(image, luts);
    }

    /**
     * Histogram equalisation per channel, PIL's rule: step = (pixels − count of the top level) / 255 (integer),
     * level v maps to (pixels below v + step/2) / step; a channel with step 0 is left as is.
     */
    static UInt8Image equalize(UInt8Image image) {
        int channels = image.channels();
        int[][] luts = new int[channels][];
        for (int c = 0; c < channels; c++) {
            int[] histogram = histogram(image, c);
            int total = 0;
            int lastNonZero = 0;
            for (int count : histogram) {
                total += count;
                if (count != 0) lastNonZero = count;
            }
            int step = (total - lastNonZero) / 255;
            int[] lut = identity();
            if (step != 0) {
                int below = 0;
                for (int v = 0; v < LEVELS; v++) {
                    lut[v] = Math.min(255, (below + step / 2) / step);
                    below += histogram[v];
                }
            }
            luts[c] = lut;
        }
        return applyPerChannel(image, luts);
    }

    static int[] histogram(UInt8Image image, int channel) {
        int[] histogram = new int[LEVELS];
        byte[] data = image.data();
        for (int i = channel; i < data.length; i += image.channels()) histogram[data[i] & 0xFF]++;
        return histogram;
    }

    private static int[] identity() {
        int[] lut = new int[LEVELS];
        for (int v = 0; v < LEVELS; v++) lut[v] = v;
        return lut;
    }

    private static UInt8Image applyToAllChannels(UInt8Image image, int[] lut) {
        byte[] src = image.data();
        byte[] dst = new byte[src.length];
        for (int i = 0; i < src.length; i++) dst[i] = (byte) lut[src[i] & 0xFF];
        return new UInt8Image(image.height(), image.width(), image.channels(), dst);
    }

    private static UInt8Image applyPerChannel(UInt8Image image, int[][] luts) {
        byte[] src = image.data();
        byte[] dst = new byte[src.length];
        int channels = image.channels();
        for (int c = 0; c < channels; c++) {
            int[] lut = luts[c];
            for (int i = c; i < src.length; i += channels) dst[i] = (byte) lut[src[i] & 0xFF];
        }
        return new UInt8Image(image.height(), image.width(), image.channels(), dst);
    }
}
