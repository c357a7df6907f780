package dev.robust.imaging.corruption;

import static dev.robust.imaging.corruption.Frame.PIXELS;
import static dev.robust.imaging.corruption.Frame.SIDE;

/**
 * Canny edges of a 32×32 single-channel 8-bit map, with OpenCV's conventions (which the reference's water spatter
 * uses): 3×3 Sobel gradients with the edge row/column repeated, L1 magnitude |gx| + |gy|, non-maximum suppression
 * along the gradient direction quantised to horizontal, vertical or diagonal, then hysteresis: a local maximum above
 * {@code high} is an edge, one above {@code low} is an edge if 8-connected to an edge.
 *
 * <p>Where the reference's edges fall matters: along a horizontal or vertical gradient the suppression keeps a pixel
 * only if it beats the neighbour before it and at least equals the one after it, so on a step between two flat
 * levels it keeps one side, the upper/left one — the dry side of a blob's top and left borders and the wet side of
 * its bottom and right borders.
 */
final class CannyEdges {
    /** Fixed-point bits of the direction test. */
    private static final int SHIFT = 15;
    /** tan(22.5°) in fixed point: the boundary between the horizontal and diagonal sectors, as OpenCV rounds it. */
    private static final int TAN_22_5 = (int) (0.4142135623730950488 * (1 << SHIFT) + 0.5);
    /** Hysteresis states: a candidate above the low threshold, and a confirmed edge. */
    private static final byte WEAK = 1;
    private static final byte STRONG = 2;

    private CannyEdges() {
    }

    /** Edge pixels of {@code level} (32×32 values 0..255, row-major) for the hysteresis thresholds given. */
    static boolean[] detect(int[] level, int low, int high) {
        int[] gx = new int[PIXELS];
        int[] gy = new int[PIXELS];
        // Magnitudes with a zero frame around them: outside the map nothing is a maximum to beat.
        int stride = SIDE + 2;
        int[] magnitude = new int[stride * stride];
        for (int y = 0; y < SIDE; y++)
            for (int x = 0; x < SIDE; x++) {
                int up = Math.max(y - 1, 0) * SIDE;
                int row = y * SIDE;
                int down = Math.min(y + 1, SIDE - 1) * SIDE;
                int left = Math.max(x - 1, 0);
                int right = Math.min(x + 1, SIDE - 1);
                int dx = level[up + right] + 2 * level[row + right] + level[down + right]
                        - level[up + left] - 2 * level[row + left] - level[down + left];
                int dy = level[down + left] + 2 * level[down + x] + level[down + right]
                        - level[up + left] - 2 * level[up + x] - level[up + right];
                gx[row + x] = dx;
                gy[row + x] = dy;
                magnitude[(y + 1) * stride + x + 1] = Math.abs(dx) + Math.abs(dy);
            }
        byte[] state = new byte[PIXELS];
        int[] stack = new int[PIXELS];
        int top = 0;
        for (int y = 0; y < SIDE; y++)
            for (int x = 0; x < SIDE; x++) {
                int at = (y + 1) * stride + x + 1;
                int m = magnitude[at];
                if (m <= low || !isLocalMaximum(magnitude, at, stride, gx[y * SIDE + x], gy[y * SIDE + x])) continue;
                if (m > high) {
                    state[y * SIDE + x] = STRONG;
                    stack[top++] = y * SIDE + x;
                } else {
                    state[y * SIDE + x] = WEAK;
                }
            }
        while (top > 0) {
            int p = stack[--top];
            int py = p / SIDE;
            int px = p % SIDE;
            for (int y = Math.max(py - 1, 0); y <= Math.min(py + 1, SIDE - 1); y++)
                for (int x = Math.max(px - 1, 0); x <= Math.min(px + 1, SIDE - 1); x++)
                    if (state[y * SIDE + x] == WEAK) {
                        state[y * SIDE + x] = STRONG;
                        stack[top++] = y * SIDE + x;
                    }
        }
        boolean[] edges = new boolean[PIXELS];
        for (int i = 0; i < PIXELS; i++) edges[i] = state[i] == STRONG;
        return edges;
    }

    private static boolean isLocalMaximum(int[] magnitude, int at, int stride, int dx, int dy) {
        int m = magnitude[at];
        long ax = Math.abs(dx);
        long ay = (long) Math.abs(dy) << SHIFT;
        long tan22 = ax * TAN_22_5;
        if (ay < tan22) return m > magnitude[at - 1] && m >= magnitude[at + 1];
        long tan67 = tan22 + (ax << (SHIFT + 1));
        if (ay > tan67) return m > magnitude[at - stride] && m >= magnitude[at + stride];
        int s = (dx ^ dy) < 0 ? -1 : 1;
        return m > magnitude[at - stride - s] && m > magnitude[at + stride + s];
    }
}
