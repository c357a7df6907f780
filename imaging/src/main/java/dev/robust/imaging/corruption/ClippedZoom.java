package dev.robust.imaging.corruption;

/**
 * Zooms into the centre of a square image by {@code factor} ≥ 1 and keeps the original size: the central
 * ceil(n/factor) square is scaled up bilinearly (corner-aligned, as SciPy's {@code zoom} with order 1) to
 * round(crop·factor) and the centre n×n of that is kept. Used by zoom blur and snow.
 */
final class ClippedZoom {
    private ClippedZoom() {
    }

    static float[] apply(float[] src, int n, int channels, double factor) {
        int crop = (int) Math.ceil(n / factor);
        int top = (n - crop) / 2;
        int zoomed = (int) Math.round(crop * factor);
        int trim = (zoomed - n) / 2;
        // Output pixel o of the zoomed image samples crop coordinate o·(crop−1)/(zoomed−1).
        double step = zoomed > 1 ? (double) (crop - 1) / (zoomed - 1) : 0;
        int[] low = new int[n];
        float[] frac = new float[n];
        for (int o = 0; o < n; o++) {
            double position = (o + trim) * step;
            int lo = Math.min((int) Math.floor(position), crop - 1);
            low[o] = lo + top;
            frac[o] = (float) (position - lo);
        }
        float[] out = new float[n * n * channels];
        int last = top + crop - 1;
        for (int y = 0; y < n; y++) {
            int y0 = low[y];
            int y1 = Math.min(y0 + 1, last);
            float fy = frac[y];
            for (int x = 0; x < n; x++) {
                int x0 = low[x];
                int x1 = Math.min(x0 + 1, last);
                float fx = frac[x];
                for (int c = 0; c < channels; c++) {
                    float a = src[(y0 * n + x0) * channels + c];
                    float b = src[(y0 * n + x1) * channels + c];
                    float d = src[(y1 * n + x0) * channels + c];
                    float e = src[(y1 * n + x1) * channels + c];
                    float upper = a + (b - a) * fx;
                    float lower = d + (e - d) * fx;
                    out[(y * n + x) * channels + c] = upper + (lower - upper) * fy;
                }
            }
        }
        return out;
    }
}
