package dev.robust.imaging.corruption;

import dev.robust.imaging.corruption.Convolution.Border;
import dev.robust.imaging.random.ImageRandom;

import static dev.robust.imaging.corruption.Frame.CHANNELS;
import static dev.robust.imaging.corruption.Frame.PIXELS;
import static dev.robust.imaging.corruption.Frame.SIDE;

/**
 * Liquid splashes: a blurred Gaussian noise field thresholded into blobs. Water (severities 1–3) adds a pale
 * turquoise sheen shaded by each blob's embossed distance-to-edge; mud (4–5) paints the smoothed blobs brown.
 */
final class Spatter {
    /** Field mean, field std, field blur σ, threshold, sheen strength (water) or blob blur σ (mud), 0 water/1 mud. */
    private static final double[][] PARAMS = {
            {0.62, 0.1, 0.7, 0.7, 0.5, 0},
            {0.65, 0.1, 0.8, 0.7, 0.5, 0},
            {0.65, 0.3, 1, 0.69, 0.5, 0},
            {0.65, 0.1, 0.7, 0.69, 0.6, 1},
            {0.65, 0.1, 0.5, 0.68, 0.6, 1}};
    private static final float[] WATER = {175 / 255f, 238 / 255f, 238 / 255f};
    private static final float[] MUD = {63 / 255f, 42 / 255f, 20 / 255f};
    /** Canny hysteresis thresholds for the blob edges of the 8-bit liquid map. */
    private static final int EDGE_LOW = 50;
    private static final int EDGE_HIGH = 150;
    /** Distances beyond this many pixels from a blob edge all shade alike. */
    private static final float MAX_DISTANCE = 20f;

    private Spatter() {
    }

    static float[] apply(float[] x, int severity, ImageRandom random) {
        double[] c = PARAMS[severity - 1];
        float[] liquid = new float[PIXELS];
        for (int i = 0; i < PIXELS; i++) liquid[i] = (float) (c[0] + c[1] * random.nextGaussian());
        liquid = Convolution.gaussian(liquid, SIDE, SIDE, 1, c[2], 4.0, Border.NEAREST);
        for (int i = 0; i < PIXELS; i++) if (liquid[i] < c[3]) liquid[i] = 0f;
        return c[5] == 0 ? water(x, liquid, (float) c[4]) : mud(x, liquid, c[3], c[4]);
    }

    private static float[] water(float[] x, float[] liquid, float strength) {
        int[] level = new int[PIXELS];
        for (int i = 0; i < PIXELS; i++) level[i] = (int) (Frame.clip01(liquid[i]) * 255f);
        float[] distance = BlobDistance.toEdges(CannyEdges.detect(level, EDGE_LOW, EDGE_HIGH));
        float[] shade = new float[PIXELS];
        for (int i = 0; i < PIXELS; i++) shade[i] = Math.min(distance[i], MAX_DISTANCE);
        shade = Convolution.box(shade, SIDE, SIDE, 1, 1);
        int[] levels = new int[PIXELS];
        for (int i = 0; i < PIXELS; i++) levels[i] = (int) shade[i];
        shade = BlobDistance.emboss(BlobDistance.equalize(levels));
        shade = Convolution.box(shade, SIDE, SIDE, 1, 1);
        float max = 0f;
        for (int i = 0; i < PIXELS; i++) {
            shade[i] *= liquid[i];
            max = Math.max(max, shade[i]);
        }
        if (max == 0f) return x;
        for (int p = 0; p < PIXELS; p++) {
            float m = shade[p] / max * strength;
            for (int ch = 0; ch < CHANNELS; ch++) x[p * CHANNELS + ch] += m * WATER[ch];
        }
        return x;
    }

    private static float[] mud(float[] x, float[] liquid, double threshold, double blobSigma) {
        float[] mask = new float[PIXELS];
        for (int i = 0; i < PIXELS; i++) mask[i] = liquid[i] > threshold ? 1f : 0f;
        mask = Convolution.gaussian(mask, SIDE, SIDE, 1, blobSigma, 4.0, Border.NEAREST);
        for (int p = 0; p < PIXELS; p++) {
            float m = mask[p] < 0.8f ? 0f : mask[p];
            for (int ch = 0; ch < CHANNELS; ch++) {
                int i = p * CHANNELS + ch;
                x[i] = x[i] * (1 - m) + MUD[ch] * m;
            }
        }
        return x;
    }
}
