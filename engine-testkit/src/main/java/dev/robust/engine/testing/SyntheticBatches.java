package dev.robust.engine.testing;

import dev.robust.engine.Batch;
import java.awt.Color;
import java.util.SplittableRandom;

/**
 * Test data made on the spot: class k is a square of hue k/10 at a random place on a dark noisy background, so a
 * small CNN must find and colour-classify it; chance is 10%. Every engine trains and checks on the same batches.
 */
public final class SyntheticBatches {

    private SyntheticBatches() {
    }

    public static Batch colouredSquares(int size, int side, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[size * side * side * 3];
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            int label = random.nextInt(10);
            labels[i] = label;
            int rgb = Color.HSBtoRGB(label / 10f, 0.9f, 0.9f);
            int square = side / 3 + random.nextInt(side / 4);
            int top = random.nextInt(side - square + 1);
            int left = random.nextInt(side - square + 1);
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    boolean inside = y >= top && y < top + square && x >= left && x < left + square;
                    for (int c = 0; c < 3; c++) {
                        int value = inside ? (rgb >> (16 - 8 * c)) & 0xFF : 40;
                        value += random.nextInt(41) - 20;
                        pixels[((i * side + y) * side + x) * 3 + c] = (byte) Math.max(0, Math.min(255, value));
                    }
                }
            }
        }
        return new Batch(pixels, labels, size, side, side, 3);
    }

    public static Batch randomPixels(int size, int side, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[size * side * side * 3];
        int[] labels = new int[size];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) random.nextInt(256);
        }
        for (int i = 0; i < size; i++) {
            labels[i] = random.nextInt(10);
        }
        return new Batch(pixels, labels, size, side, side, 3);
    }
}
