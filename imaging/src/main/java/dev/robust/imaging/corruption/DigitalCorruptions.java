package dev.robust.imaging.corruption;

import dev.robust.imaging.corruption.Convolution.Border;
import dev.robust.imaging.random.ImageRandom;

import static dev.robust.imaging.corruption.Frame.CHANNELS;
import static dev.robust.imaging.corruption.Frame.PIXELS;
import static dev.robust.imaging.corruption.Frame.SIDE;

/** Brightness, contrast, saturation and the elastic transform. */
final class DigitalCorruptions {
    private static final double[] BRIGHTNESS = {0.05, 0.1, 0.15, 0.2, 0.3};
    private static final double[] CONTRAST = {0.75, 0.5, 0.4, 0.3, 0.15};
    /** Saturate: S·a + b. */
    private static final double[][] SATURATE = {{0.3, 0}, {0.1, 0}, {1.5, 0}, {2, 0.1}, {2.5, 0.2}};
    /** Elastic, as fractions of the side: displacement α, displacement smoothing σ, affine jitter. */
    private static final double[][] ELASTIC = {
            {0, 0, 0.08}, {0.05, 0.2, 0.07}, {0.08, 0.06, 0.06}, {0.1, 0.04, 0.05}, {0.1, 0.03, 0.03}};

    private DigitalCorruptions() {
    }

    /** HSV value + c. */
    static float[] brightness(float[] x, int severity) {
        float c = (float) BRIGHTNESS[severity - 1];
        Hsv.fromRgb(x);
        for (int i = 2; i < x.length; i += 3) x[i] = Frame.clip01(x[i] + c);
        Hsv.toRgb(x);
        return x;
    }

    /** HSV saturation · a + b. */
    static float[] saturate(float[] x, int severity) {
        float a = (float) SATURATE[severity - 1][0];
        float b = (float) SATURATE[severity - 1][1];
        Hsv.fromRgb(x);
        for (int i = 1; i < x.length; i += 3) x[i] = Frame.clip01(x[i] * a + b);
        Hsv.toRgb(x);
        return x;
    }

    /** Deviations from each channel's mean scaled by c. */
    static float[] contrast(float[] x, int severity) {
        float c = (float) CONTRAST[severity - 1];
        for (int ch = 0; ch < CHANNELS; ch++) {
            double sum = 0;
            for (int i = ch; i < x.length; i += CHANNELS) sum += x[i];
            float mean = (float) (sum / PIXELS);
            for (int i = ch; i < x.length; i += CHANNELS) x[i] = (x[i] - mean) * c + mean;
        }
        return x;
    }

    /**
     * A random affine warp (three anchor points around the centre jittered by up to ±affine·32 px, mirrored
     * borders), then a smooth random displacement field (uniform noise blurred by σ·32, scaled by α·32) sampled
     * bilinearly with reflected borders.
     */
    static float[] elasticTransform(float[] x, int severity, ImageRandom random) {
        double[] c = ELASTIC[severity - 1];
        double alpha = SIDE * c[0];
        double sigma = SIDE * c[1];
        double jitter = SIDE * c[2];
        double centre = SIDE / 2;
        double reach = SIDE / 3;
        double[][] anchors = {{centre + reach, centre + reach}, {centre + reach, centre - reach},
                {centre - reach, centre - reach}};
        double[][] moved = new double[3][2];
        for (int p = 0; p < 3; p++)
            for (int k = 0; k < 2; k++) moved[p][k] = anchors[p][k] + random.nextDouble(-jitter, jitter);
        double[] inverse = inverseAffine(anchors, moved);
        float[] warped = new float[x.length];
        for (int y = 0; y < SIDE; y++)
            for (int xx = 0; xx < SIDE; xx++) {
                double sx = inverse[0] * xx + inverse[1] * y + inverse[2];
                double sy = inverse[3] * xx + inverse[4] * y + inverse[5];
                sampleBilinear(x, sy, sx, Border.MIRROR, warped, (y * SIDE + xx) * CHANNELS);
            }
        float[] dx = displacement(random, sigma, alpha);
        float[] dy = displacement(random, sigma, alpha);
        float[] out = new float[x.length];
        for (int y = 0; y < SIDE; y++)
            for (int xx = 0; xx < SIDE; xx++) {
                int p = y * SIDE + xx;
                sampleBilinear(warped, y + dy[p], xx + dx[p], Border.REFLECT, out, p * CHANNELS);
            }
        return out;
    }

    private static float[] displacement(ImageRandom random, double sigma, double alpha) {
        float[] noise = new float[PIXELS];
        for (int i = 0; i < PIXELS; i++) noise[i] = (float) random.nextDouble(-1, 1);
        float[] smooth = Convolution.gaussian(noise, SIDE, SIDE, 1, sigma, 3.0, Border.REFLECT);
        for (int i = 0; i < PIXELS; i++) smooth[i] *= (float) alpha;
        return smooth;
    }

    /**
     * The inverse of the affine map taking {@code from[i]} to {@code to[i]} (points as x, y), as row-major
     * [a b c; d e f]: destination (x, y) reads source (a·x + b·y + c, d·x + e·y + f).
     */
    static double[] inverseAffine(double[][] from, double[][] to) {
        // Solve the map to → from directly: for each output coordinate, three equations in three unknowns.
        double[] row0 = solve3(to, new double[] {from[0][0], from[1][0], from[2][0]});
        double[] row1 = solve3(to, new double[] {from[0][1], from[1][1], from[2][1]});
        return new double[] {row0[0], row0[1], row0[2], row1[0], row1[1], row1[2]};
    }

    /** Solves [p.x p.y 1]·(a, b, c) = rhs for three points by Cramer's rule. */
    private static double[] solve3(double[][] p, double[] rhs) {
        double det = det3(p[0][0], p[0][1], p[1][0], p[1][1], p[2][0], p[2][1]);
        double a = (rhs[0] * (p[1][1] - p[2][1]) - p[0][1] * (rhs[1] - rhs[2]) + (rhs[1] * p[2][1] - rhs[2] * p[1][1]))
                / det;
        double b = (p[0][0] * (rhs[1] - rhs[2]) - rhs[0] * (p[1][0] - p[2][0]) + (p[1][0] * rhs[2] - p[2][0] * rhs[1]))
                / det;
        double c = (p[0][0] * (p[1][1] * rhs[2] - p[2][1] * rhs[1]) - p[0][1] * (p[1][0] * rhs[2] - p[2][0] * rhs[1])
                + rhs[0] * (p[1][0] * p[2][1] - p[2][0] * p[1][1])) / det;
        return new double[] {a, b, c};
    }

    private static double det3(double x0, double y0, double x1, double y1, double x2, double y2) {
        return x0 * (y1 - y2) - y0 * (x1 - x2) + (x1 * y2 - x2 * y1);
    }

    private static void sampleBilinear(float[] src, double y, double x, Border border, float[] dst, int at) {
        int y0 = (int) Math.floor(y);
        int x0 = (int) Math.floor(x);
        float fy = (float) (y - y0);
        float fx = (float) (x - x0);
        int r0 = border.index(y0, SIDE) * SIDE;
        int r1 = border.index(y0 + 1, SIDE) * SIDE;
        int c0 = border.index(x0, SIDE);
        int c1 = border.index(x0 + 1, SIDE);
        for (int ch = 0; ch < CHANNELS; ch++) {
            float a = src[(r0 + c0) * CHANNELS + ch];
            float b = src[(r0 + c1) * CHANNELS + ch];
            float d = src[(r1 + c0) * CHANNELS + ch];
            float e = src[(r1 + c1) * CHANNELS + ch];
            float upper = a + (b - a) * fx;
            float lower = d + (e - d) * fx;
            dst[at + ch] = upper + (lower - upper) * fy;
        }
    }
}
