package dev.robust.imaging.corruption;

import dev.robust.imaging.corruption.Convolution.Border;
import dev.robust.imaging.random.ImageRandom;

import static dev.robust.imaging.corruption.Frame.CHANNELS;
import static dev.robust.imaging.corruption.Frame.PIXELS;
import static dev.robust.imaging.corruption.Frame.SIDE;

/** Snow and fog (frost blends photographs: {@link Frost}). */
final class WeatherCorruptions {
    /** Snow: flake mean, flake std, zoom, threshold, streak radius, streak σ, image weight. */
    private static final double[][] SNOW = {
            {0.1, 0.2, 1, 0.6, 8, 3, 0.95},
            {0.1, 0.2, 1, 0.5, 10, 4, 0.9},
            {0.15, 0.3, 1.75, 0.55, 10, 4, 0.9},
            {0.25, 0.3, 2.25, 0.6, 12, 6, 0.85},
            {0.3, 0.3, 1.25, 0.65, 14, 12, 0.8}};
    /** Fog: amount, plasma decay. */
    private static final double[][] FOG = {{0.2, 3}, {0.5, 3}, {0.75, 2.5}, {1, 2}, {1.5, 1.75}};

    private WeatherCorruptions() {
    }

    /**
     * Flakes: Gaussian noise, zoomed, thresholded, quantised to 8 bits and streaked by a motion blur falling at
     * −135°..−45°; the image is whitened towards 1.5·grey + 0.5 and the flakes (and their 180° rotation) added.
     */
    static float[] snow(float[] x, int severity, ImageRandom random) {
        double[] c = SNOW[severity - 1];
        float[] flakes = new float[PIXELS];
        for (int i = 0; i < PIXELS; i++) flakes[i] = (float) (c[0] + c[1] * random.nextGaussian());
        flakes = ClippedZoom.apply(flakes, SIDE, 1, c[2]);
        for (int i = 0; i < PIXELS; i++) {
            float v = flakes[i] < c[3] ? 0f : flakes[i];
            flakes[i] = (int) (Frame.clip01(v) * 255f) / 255f;
        }
        double angle = random.nextDouble(-135, -45);
        flakes = Convolution.correlate(flakes, SIDE, SIDE, 1, MotionBlurKernel.of(c[4], c[5], angle), Border.NEAREST);
        float keep = (float) c[6];
        float[] out = new float[x.length];
        for (int p = 0; p < PIXELS; p++) {
            float whitened = Frame.grey(x, p) * 1.5f + 0.5f;
            float flake = Math.round(Frame.clip01(flakes[p]) * 255f) / 255f
                    + Math.round(Frame.clip01(flakes[PIXELS - 1 - p]) * 255f) / 255f;
            for (int ch = 0; ch < CHANNELS; ch++) {
                float v = x[p * CHANNELS + ch];
                out[p * CHANNELS + ch] = keep * v + (1 - keep) * Math.max(v, whitened) + flake;
            }
        }
        return out;
    }

    /** Adds a plasma-fractal haze, then rescales so the brightest input level stays where it was. */
    static float[] fog(float[] x, int severity, ImageRandom random) {
        double[] c = FOG[severity - 1];
        float amount = (float) c[0];
        float max = 0f;
        for (float v : x) max = Math.max(max, v);
        float[] haze = PlasmaFractal.generate(SIDE, c[1], random);
        float scale = max / (max + amount);
        for (int p = 0; p < PIXELS; p++)
            for (int ch = 0; ch < CHANNELS; ch++) {
                int i = p * CHANNELS + ch;
                x[i] = (x[i] + amount * haze[p]) * scale;
            }
        return x;
    }
}
