package dev.robust.imaging.corruption;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A one-sided motion-blur kernel: taps i = 0..2·radius along the direction {@code angle}, weighted exp(−i²/2σ²),
 * each tap at the pixel nearest to i·(cos, sin). This is the effect of ImageMagick's motion blur (which the
 * reference calls): a streak trailing off in one direction, strongest at the pixel itself. Taps landing on the same
 * pixel are merged.
 */
final class MotionBlurKernel {
    private MotionBlurKernel() {
    }

    static Convolution.SparseKernel of(double radius, double sigma, double angleDegrees) {
        int taps = 2 * (int) Math.ceil(radius) + 1;
        double radians = Math.toRadians(angleDegrees);
        double cos = StrictMath.cos(radians);
        double sin = StrictMath.sin(radians);
        Map<Long, Double> weights = new LinkedHashMap<>();
        double total = 0;
        for (int i = 0; i < taps; i++) {
            double weight = StrictMath.exp(-(double) i * i / (2 * sigma * sigma));
            int dx = (int) Math.round(i * cos);
            int dy = (int) Math.round(i * sin);
            weights.merge(((long) dy << 32) | (dx & 0xFFFFFFFFL), weight, Double::sum);
            total += weight;
        }
        int[] dys = new int[weights.size()];
        int[] dxs = new int[weights.size()];
        float[] ws = new float[weights.size()];
        int t = 0;
        for (Map.Entry<Long, Double> e : weights.entrySet()) {
            dys[t] = (int) (e.getKey() >> 32);
            dxs[t] = (int) (long) e.getKey();
            ws[t] = (float) (e.getValue() / total);
            t++;
        }
        return new Convolution.SparseKernel(dys, dxs, ws);
    }
}
