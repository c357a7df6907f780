package dev.robust.imaging.corruption;

/** In-place RGB ↔ HSV on [0, 1] HWC triples, with scikit-image's conventions (hue in [0, 1), S = 0 for black). */
final class Hsv {
    private Hsv() {
    }

    static void fromRgb(float[] x) {
        for (int i = 0; i < x.length; i += 3) {
            float r = x[i];
            float g = x[i + 1];
            float b = x[i + 2];
            float max = Math.max(r, Math.max(g, b));
            float delta = max - Math.min(r, Math.min(g, b));
            float hue = 0f;
            if (delta > 0f) {
                if (r == max) hue = (g - b) / delta;
                else if (g == max) hue = 2f + (b - r) / delta;
                else hue = 4f + (r - g) / delta;
                hue = hue / 6f;
                if (hue < 0f) hue += 1f;
            }
            x[i] = hue;
            x[i + 1] = max == 0f ? 0f : delta / max;
            x[i + 2] = max;
        }
    }

    static void toRgb(float[] x) {
        for (int i = 0; i < x.length; i += 3) {
            float h6 = x[i] * 6f;
            float s = x[i + 1];
            float v = x[i + 2];
            int sector = (int) Math.floor(h6);
            float f = h6 - sector;
            float p = v * (1f - s);
            float q = v * (1f - f * s);
            float t = v * (1f - (1f - f) * s);
            switch (Math.floorMod(sector, 6)) {
                case 0 -> set(x, i, v, t, p);
                case 1 -> set(x, i, q, v, p);
                case 2 -> set(x, i, p, v, t);
                case 3 -> set(x, i, p, q, v);
                case 4 -> set(x, i, t, p, v);
                default -> set(x, i, v, p, q);
            }
        }
    }

    private static void set(float[] x, int i, float r, float g, float b) {
        x[i] = r;
        x[i + 1] = g;
        x[i + 2] = b;
    }
}
