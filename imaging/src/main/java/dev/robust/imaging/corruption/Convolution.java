package dev.robust.imaging.corruption;

/**
 * Filters on float HWC arrays: separable Gaussian (SciPy's {@code gaussian_filter} kernel) and sparse 2-D
 * correlation, with the border rules the reference's libraries use.
 */
final class Convolution {
    /** How samples outside the image are read. */
    enum Border {
        /** Repeat the edge sample (SciPy "nearest", OpenCV/ImageMagick edge). */
        NEAREST,
        /** Half-sample symmetric, the edge repeated: d c b a | a b c d (SciPy "reflect"). */
        REFLECT,
        /** Whole-sample symmetric, the edge not repeated: d c b | a b c d (OpenCV's default, "reflect 101"). */
        MIRROR;

        int index(int i, int n) {
            if (i >= 0 && i < n) return i;
            switch (this) {
                case NEAREST:
                    return i < 0 ? 0 : n - 1;
                case REFLECT: {
                    int period = 2 * n;
                    int m = Math.floorMod(i, period);
                    return m < n ? m : period - 1 - m;
                }
                default: {
                    if (n == 1) return 0;
                    int period = 2 * n - 2;
                    int m = Math.floorMod(i, period);
                    return m < n ? m : period - m;
                }
            }
        }
    }

    /** A kernel given as its non-zero taps: output(y, x) = Σ weight · input(y + dy, x + dx). */
    record SparseKernel(int[] dy, int[] dx, float[] weight) {
    }

    private Convolution() {
    }

    /** SciPy's 1-D Gaussian: radius int(truncate·σ + 0.5), weights exp(−x²/2σ²) normalised to sum 1. */
    static float[] gaussianKernel(double sigma, double truncate) {
        int radius = (int) (truncate * sigma + 0.5);
        float[] kernel = new float[2 * radius + 1];
        if (radius == 0) {
            kernel[0] = 1f;
            return kernel;
        }
        double sum = 0;
        double[] raw = new double[kernel.length];
        for (int x = -radius; x <= radius; x++) {
            raw[x + radius] = StrictMath.exp(-0.5 * x * x / (sigma * sigma));
            sum += raw[x + radius];
        }
        for (int i = 0; i < kernel.length; i++) kernel[i] = (float) (raw[i] / sum);
        return kernel;
    }

    /** Gaussian blur of every channel over the two spatial axes. */
    static float[] gaussian(float[] src, int h, int w, int channels, double sigma, double truncate, Border border) {
        float[] kernel = gaussianKernel(sigma, truncate);
        if (kernel.length == 1) return src.clone();
        return separable(src, h, w, channels, kernel, border);
    }

    /** Correlates rows with {@code kernel} (odd length, centred), then columns. */
    static float[] separable(float[] src, int h, int w, int channels, float[] kernel, Border border) {
        int radius = kernel.length / 2;
        float[] rows = new float[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < channels; c++) {
                    float sum = 0f;
                    for (int k = -radius; k <= radius; k++) {
                        sum += kernel[k + radius] * src[(y * w + border.index(x + k, w)) * channels + c];
                    }
                    rows[(y * w + x) * channels + c] = sum;
                }
            }
        }
        float[] out = new float[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < channels; c++) {
                    float sum = 0f;
                    for (int k = -radius; k <= radius; k++) {
                        sum += kernel[k + radius] * rows[(border.index(y + k, h) * w + x) * channels + c];
                    }
                    out[(y * w + x) * channels + c] = sum;
                }
            }
        }
        return out;
    }

    static float[] correlate(float[] src, int h, int w, int channels, SparseKernel kernel, Border border) {
        float[] out = new float[src.length];
        int taps = kernel.weight().length;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = (y * w + x) * channels;
                for (int t = 0; t < taps; t++) {
                    int i = (border.index(y + kernel.dy()[t], h) * w + border.index(x + kernel.dx()[t], w)) * channels;
                    float weight = kernel.weight()[t];
                    for (int c = 0; c < channels; c++) out[o + c] += weight * src[i + c];
                }
            }
        }
        return out;
    }

    /** Mean over a (2r+1)×(2r+1) window, mirrored borders (OpenCV's {@code blur}). */
    static float[] box(float[] src, int h, int w, int channels, int radius) {
        float[] kernel = new float[2 * radius + 1];
        java.util.Arrays.fill(kernel, 1f / kernel.length);
        return separable(src, h, w, channels, kernel, Border.MIRROR);
    }
}
