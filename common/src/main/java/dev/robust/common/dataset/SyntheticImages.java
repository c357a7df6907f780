package dev.robust.common.dataset;

import dev.robust.common.image.UInt8Image;

import java.awt.Color;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws one 32×32 image of a procedural class. Each class has its own shape or texture and a hue of its own
 * (jittered), on a random dull background, at a random position, scale and rotation, with pixel noise: hard enough
 * that a model has to look, easy enough that a small CNN learns it in minutes.
 */
final class SyntheticImages {
    static final List<String> CLASS_NAMES = List.of(
            "disc", "square", "triangle", "ring", "cross", "horizontal_stripes", "vertical_stripes", "checkerboard",
            "diamond", "dots");
    static final int SIDE = 32;
    private static final double NOISE_SIGMA = 8.0;

    private SyntheticImages() {
    }

    static UInt8Image draw(int label, SplittableRandom random) {
        float hue = (label / 10f + (float) (random.nextDouble() - 0.5) * 0.06f + 1f) % 1f;
        int foreground = Color.HSBtoRGB(hue, 0.55f + 0.45f * (float) random.nextDouble(),
                0.65f + 0.35f * (float) random.nextDouble());
        int background = Color.HSBtoRGB((float) random.nextDouble(), 0.3f * (float) random.nextDouble(),
                0.1f + 0.4f * (float) random.nextDouble());
        double centreX = 10 + 12 * random.nextDouble();
        double centreY = 10 + 12 * random.nextDouble();
        double scale = 6 + 6 * random.nextDouble();
        double angle = random.nextDouble() * Math.PI;
        double period = 4 + 3 * random.nextDouble();
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);

        byte[] pixels = new byte[SIDE * SIDE * 3];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                double dx = (x + 0.5 - centreX) / scale;
                double dy = (y + 0.5 - centreY) / scale;
                double u = cos * dx + sin * dy;
                double v = -sin * dx + cos * dy;
                boolean inside = covers(label, u, v, x, y, period);
                int rgb = inside ? foreground : background;
                int offset = (y * SIDE + x) * 3;
                for (int c = 0; c < 3; c++) {
                    int value = (rgb >> (16 - 8 * c)) & 0xFF;
                    pixels[offset + c] = (byte) clamp(value + random.nextGaussian() * NOISE_SIGMA);
                }
            }
        }
        return new UInt8Image(SIDE, SIDE, 3, pixels);
    }

    /** Whether pixel (x, y), at rotated unit coordinates (u, v) around the shape's centre, is foreground. */
    private static boolean covers(int label, double u, double v, int x, int y, double period) {
        double radius = Math.hypot(u, v);
        return switch (label) {
            case 0 -> radius < 1;
            case 1 -> Math.abs(u) < 0.8 && Math.abs(v) < 0.8;
            case 2 -> v > -0.7 && v < 0.9 && Math.abs(u) < (0.9 - v) * 0.6;
            case 3 -> radius > 0.6 && radius < 1.1;
            case 4 -> (Math.abs(u) < 0.3 && Math.abs(v) < 1.1) || (Math.abs(v) < 0.3 && Math.abs(u) < 1.1);
            case 5 -> Math.floorMod((int) Math.floor(y / (period / 2)), 2) == 0;
            case 6 -> Math.floorMod((int) Math.floor(x / (period / 2)), 2) == 0;
            case 7 -> Math.floorMod((int) Math.floor(x / (period / 2)) + (int) Math.floor(y / (period / 2)), 2) == 0;
            case 8 -> Math.abs(u) + Math.abs(v) < 1;
            case 9 -> Math.hypot(x - period * Math.round(x / period), y - period * Math.round(y / period))
                    < period / 4;
            default -> throw new IllegalArgumentException("synthetic classes are 0..9, got " + label);
        };
    }

    private static int clamp(double value) {
        return (int) Math.max(0, Math.min(255, Math.round(value)));
    }
}
