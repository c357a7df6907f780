package dev.robust.imaging.corruption;

import java.util.ArrayList;
import java.util.List;

/**
 * The defocus kernel: a flat disk of the given radius (pixels whose centre lies within it), normalised, then
 * smoothed by a 3×3 Gaussian of σ {@code aliasSigma} to soften its staircase edge. Returned as its non-zero taps.
 */
final class DefocusKernel {
    private DefocusKernel() {
    }

    static Convolution.SparseKernel of(double radius, double aliasSigma) {
        int r = (int) Math.ceil(radius) + 1;
        int size = 2 * r + 1;
        double[] disk = new double[size * size];
        double count = 0;
        for (int y = -r; y <= r; y++)
            for (int x = -r; x <= r; x++)
                if (x * x + y * y <= radius * radius) {
                    disk[(y + r) * size + (x + r)] = 1;
                    count++;
                }
        double[] g = new double[3];
        double gSum = 0;
        for (int i = -1; i <= 1; i++) {
            g[i + 1] = StrictMath.exp(-(i * i) / (2 * aliasSigma * aliasSigma));
            gSum += g[i + 1];
        }
        List<int[]> offsets = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (int y = -r; y <= r; y++) {
            for (int x = -r; x <= r; x++) {
                double sum = 0;
                for (int ky = -1; ky <= 1; ky++)
                    for (int kx = -1; kx <= 1; kx++) {
                        int sy = y + ky;
                        int sx = x + kx;
                        if (Math.abs(sy) <= r && Math.abs(sx) <= r) {
                            sum += g[ky + 1] * g[kx + 1] * disk[(sy + r) * size + (sx + r)];
                        }
                    }
                if (sum > 0) {
                    offsets.add(new int[] {y, x});
                    weights.add(sum / (gSum * gSum * count));
                }
            }
        }
        int[] dy = new int[offsets.size()];
        int[] dx = new int[offsets.size()];
        float[] w = new float[offsets.size()];
        for (int i = 0; i < w.length; i++) {
            dy[i] = offsets.get(i)[0];
            dx[i] = offsets.get(i)[1];
            w[i] = weights.get(i).floatValue();
        }
        return new Convolution.SparseKernel(dy, dx, w);
    }
}
