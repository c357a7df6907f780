package dev.robust.imaging.corruption;

import dev.robust.common.image.UInt8Image;

/**
 * Box-filter downscale to int(32·c) and back up to 32 (PIL's BOX resampling: an output pixel averages the input
 * pixels whose centres fall in its footprint; rows first, then columns, rounded to 8 bits after each pass).
 * Downscaling averages blocks; upscaling by a factor below 2 mostly copies the nearest pixel, so the output shows
 * blocks of one or two pixels at the lower severities and of one to two at 20→32.
 */
final class Pixelate {
    private static final double[] SCALE = {0.95, 0.9, 0.85, 0.75, 0.65};

    private Pixelate() {
    }

    static UInt8Image apply(UInt8Image image, int severity) {
        int side = (int) (Frame.SIDE * SCALE[severity - 1]);
        return resize(resize(image, side), Frame.SIDE);
    }

    /** Square box resample of a square image. */
    static UInt8Image resize(UInt8Image image, int out) {
        int in = image.width();
        int channels = image.channels();
        double[][] weights = new double[out][];
        int[] first = new int[out];
        double scale = (double) in / out;
        double support = 0.5 * Math.max(scale, 1.0);
        for (int o = 0; o < out; o++) {
            double centre = (o + 0.5) * scale;
            int lo = Math.max((int) (centre - support + 0.5), 0);
            int hi = Math.min((int) (centre + support + 0.5), in);
            double[] w = new double[hi - lo];
            double total = 0;
            for (int i = lo; i < hi; i++) {
                double t = (i - centre + 0.5) / Math.max(scale, 1.0);
                w[i - lo] = t > -0.5 && t <= 0.5 ? 1 : 0;
                total += w[i - lo];
            }
            for (int i = 0; i < w.length; i++) w[i] /= total;
            weights[o] = w;
            first[o] = lo;
        }
        byte[] src = image.data();
        byte[] rows = new byte[in * out * channels];
        for (int y = 0; y < in; y++)
            for (int x = 0; x < out; x++)
                for (int c = 0; c < channels; c++) {
                    double sum = 0;
                    for (int k = 0; k < weights[x].length; k++)
                        sum += weights[x][k] * (src[(y * in + first[x] + k) * channels + c] & 0xFF);
                    rows[(y * out + x) * channels + c] = (byte) Math.min(255, (int) (sum + 0.5));
                }
        byte[] dst = new byte[out * out * channels];
        for (int y = 0; y < out; y++)
            for (int x = 0; x < out; x++)
                for (int c = 0; c < channels; c++) {
                    double sum = 0;
                    for (int k = 0; k < weights[y].length; k++)
                        sum += weights[y][k] * (rows[((first[y] + k) * out + x) * channels + c] & 0xFF);
                    dst[(y * out + x) * channels + c] = (byte) Math.min(255, (int) (sum + 0.5));
                }
        return new UInt8Image(out, out, channels, dst);
    }
}
