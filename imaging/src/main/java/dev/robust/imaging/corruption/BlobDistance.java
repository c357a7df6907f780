package dev.robust.imaging.corruption;

import static dev.robust.imaging.corruption.Frame.PIXELS;
import static dev.robust.imaging.corruption.Frame.SIDE;

/** The shading steps of water spatter on 32×32 single-channel maps. */
final class BlobDistance {
    /** Chamfer weights of the 5×5 Euclidean approximation: orthogonal, diagonal, knight's move. */
    private static final float ORTHOGONAL = 1f;
    private static final float DIAGONAL = 1.4f;
    private static final float KNIGHT = 2.1969f;
    private static final int[][] FORWARD = {{-2, -1}, {-2, 1}, {-1, -2}, {-1, -1}, {-1, 0}, {-1, 1}, {-1, 2}, {0, -1}};
    /** Emboss kernel, light from the bottom right. */
    private static final int[][] EMBOSS = {{-2, -1, 0}, {-1, 1, 1}, {0, 1, 2}};

    private BlobDistance() {
    }

    /**
     * Distance from each pixel to the nearest edge pixel: the two-pass 5×5 chamfer transform (OpenCV's
     * {@code distanceTransform} with the L2 metric and mask 5). With no edge at all every distance is "far".
     */
    static float[] toEdges(boolean[] edges) {
        float far = 1e6f;
        float[] d = new float[PIXELS];
        for (int i = 0; i < PIXELS; i++) d[i] = edges[i] ? 0f : far;
        for (int y = 0; y < SIDE; y++)
            for (int x = 0; x < SIDE; x++) relax(d, y, x, 1);
        for (int y = SIDE - 1; y >= 0; y--)
            for (int x = SIDE - 1; x >= 0; x--) relax(d, y, x, -1);
        return d;
    }

    private static void relax(float[] d, int y, int x, int direction) {
        float best = d[y * SIDE + x];
        for (int[] step : FORWARD) {
            int ny = y + direction * step[0];
            int nx = x + direction * step[1];
            if (ny < 0 || ny >= SIDE || nx < 0 || nx >= SIDE) continue;
            int manhattan = Math.abs(step[0]) + Math.abs(step[1]);
            float cost = manhattan == 1 ? ORTHOGONAL : manhattan == 2 ? DIAGONAL : KNIGHT;
            best = Math.min(best, d[ny * SIDE + nx] + cost);
        }
        d[y * SIDE + x] = best;
    }

    /** OpenCV-style histogram equalisation of 8-bit levels: the lowest used level → 0, the cumulative share × 255. */
    static int[] equalize(int[] levels) {
        int[] histogram = new int[256];
        for (int v : levels) histogram[v]++;
        int lowest = 0;
        while (histogram[lowest] == 0) lowest++;
        int[] out = new int[levels.length];
        if (histogram[lowest] == levels.length) {
            java.util.Arrays.fill(out, lowest);
            return out;
        }
        float scale = 255f / (levels.length - histogram[lowest]);
        int[] lut = new int[256];
        int cumulative = 0;
        for (int v = lowest + 1; v < 256; v++) {
            cumulative += histogram[v];
            lut[v] = Math.min(255, Math.round(cumulative * scale));
        }
        for (int i = 0; i < levels.length; i++) out[i] = lut[levels[i]];
        return out;
    }

    /** 3×3 emboss with mirrored borders, saturated to 0..255 like an 8-bit filter output. */
    static float[] emboss(int[] levels) {
        float[] out = new float[PIXELS];
        for (int y = 0; y < SIDE; y++)
            for (int x = 0; x < SIDE; x++) {
                int sum = 0;
                for (int ky = -1; ky <= 1; ky++)
                    for (int kx = -1; kx <= 1; kx++) {
                        int sy = Convolution.Border.MIRROR.index(y + ky, SIDE);
                        int sx = Convolution.Border.MIRROR.index(x + kx, SIDE);
                        sum += EMBOSS[ky + 1][kx + 1] * levels[sy * SIDE + sx];
                    }
                out[y * SIDE + x] = Math.max(0, Math.min(255, sum));
            }
        return out;
    }
}
