package dev.robust.imaging.corruption;

import dev.robust.imaging.corruption.Convolution.Border;
import dev.robust.imaging.random.ImageRandom;

import static dev.robust.imaging.corruption.Frame.CHANNELS;
import static dev.robust.imaging.corruption.Frame.SIDE;

/** Defocus, glass, motion, zoom and Gaussian blur. */
final class BlurCorruptions {
    /** Defocus: disk radius and the σ of the 3×3 Gaussian that antialiases the disk. */
    private static final double[][] DEFOCUS = {{0.3, 0.4}, {0.4, 0.5}, {0.5, 0.6}, {1, 0.2}, {1.5, 0.1}};
    /** Glass: blur σ, maximum pixel displacement, shuffle passes. */
    private static final double[][] GLASS = {{0.05, 1, 1}, {0.25, 1, 1}, {0.4, 1, 1}, {0.25, 1, 2}, {0.4, 1, 2}};
    /** Motion: kernel radius and σ. */
    private static final double[][] MOTION = {{6, 1}, {6, 1.5}, {6, 2}, {8, 2}, {9, 2.5}};
    /**
     * Zoom: number of zoom factors 1.00, 1.01, …; the reference lists them with a float {@code arange} up to
     * 1.06/1.11/1.16/1.21/1.26, which yields 7/12/16/21/26 factors.
     */
    private static final int[] ZOOM_STEPS = {7, 12, 16, 21, 26};
    private static final double[] GAUSSIAN_SIGMA = {0.4, 0.6, 0.7, 0.8, 1};
    /** SciPy's default Gaussian truncation, in σ. */
    private static final double TRUNCATE = 4.0;

    private BlurCorruptions() {
    }

    /** Correlation with an antialiased disk (mirrored borders). */
    static float[] defocusBlur(float[] x, int severity) {
        double[] c = DEFOCUS[severity - 1];
        return Convolution.correlate(x, SIDE, SIDE, CHANNELS, DefocusKernel.of(c[0], c[1]), Border.MIRROR);
    }

    /**
     * Blur, quantise to uint8, let each pixel take the value of a random neighbour up/left of it (offsets in
     * {−maxDelta … 0}² — the reference draws them from {@code randint(-d, d)}, whose upper bound is exclusive), blur
     * again.
     *
     * <p>The reference writes this step as a tuple "swap" of two NumPy row views; the first assignment overwrites
     * the view the second one reads, so in effect the pixel is only overwritten by its neighbour and the neighbour
     * keeps its value. That copy is what the reference generator produces, so it is what we reproduce. Scanning from
     * the bottom-right, each source is still untouched in the current pass, so a pass moves any colour at most
     * {@code maxDelta} pixels: the output only holds colours from each pixel's neighbourhood.
     */
    static float[] glassBlur(float[] x, int severity, ImageRandom random) {
        double[] c = GLASS[severity - 1];
        int maxDelta = (int) c[1];
        float[] shuffled = Convolution.gaussian(x, SIDE, SIDE, CHANNELS, c[0], TRUNCATE, Border.NEAREST);
        for (int i = 0; i < shuffled.length; i++) shuffled[i] = (int) (Frame.clip01(shuffled[i]) * 255f) / 255f;
        for (int pass = 0; pass < (int) c[2]; pass++) {
            for (int h = SIDE - maxDelta; h > maxDelta; h--) {
                for (int w = SIDE - maxDelta; w > maxDelta; w--) {
                    int dx = random.nextInt(-maxDelta, maxDelta);
                    int dy = random.nextInt(-maxDelta, maxDelta);
                    System.arraycopy(shuffled, ((h + dy) * SIDE + w + dx) * CHANNELS, shuffled,
                            (h * SIDE + w) * CHANNELS, CHANNELS);
                }
            }
        }
        return Convolution.gaussian(shuffled, SIDE, SIDE, CHANNELS, c[0], TRUNCATE, Border.NEAREST);
    }

    /** One-sided Gaussian streak at a uniform angle in [−45°, 45°), edge pixels repeated. */
    static float[] motionBlur(float[] x, int severity, ImageRandom random) {
        double[] c = MOTION[severity - 1];
        double angle = random.nextDouble(-45, 45);
        float[] out = Convolution.correlate(x, SIDE, SIDE, CHANNELS, MotionBlurKernel.of(c[0], c[1], angle),
                Border.NEAREST);
        // The reference blurs an 8-bit image, so its result is quantised before the final scaling.
        for (int i = 0; i < out.length; i++) out[i] = Math.round(Frame.clip01(out[i]) * 255f) / 255f;
        return out;
    }

    /** Average of the image and its centre zooms by 1.00, 1.01, … (a radial streak from the centre). */
    static float[] zoomBlur(float[] x, int severity) {
        int steps = ZOOM_STEPS[severity - 1];
        float[] sum = x.clone();
        for (int k = 0; k < steps; k++) {
            float[] zoomed = ClippedZoom.apply(x, SIDE, CHANNELS, 1 + 0.01 * k);
            for (int i = 0; i < sum.length; i++) sum[i] += zoomed[i];
        }
        for (int i = 0; i < sum.length; i++) sum[i] /= steps + 1;
        return sum;
    }

    static float[] gaussianBlur(float[] x, int severity) {
        return Convolution.gaussian(x, SIDE, SIDE, CHANNELS, GAUSSIAN_SIGMA[severity - 1], TRUNCATE, Border.NEAREST);
    }
}
