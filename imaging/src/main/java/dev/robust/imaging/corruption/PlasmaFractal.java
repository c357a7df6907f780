package dev.robust.imaging.corruption;

import dev.robust.imaging.random.ImageRandom;

/**
 * Diamond-square plasma on a torus (the map wraps at its edges), normalised to [0, 1]. Each refinement adds
 * uniform noise of amplitude wibble² around the mean of the neighbours, wibble starting at 100 and divided by
 * {@code decay} per level, as in the reference's fog; a larger decay gives a smoother map.
 */
final class PlasmaFractal {
    private static final double INITIAL_WIBBLE = 100;

    private PlasmaFractal() {
    }

    /** A {@code size}×{@code size} map ({@code size} a power of two), values in [0, 1], row-major. */
    static float[] generate(int size, double decay, ImageRandom random) {
        if (Integer.bitCount(size) != 1) throw new IllegalArgumentException("size must be a power of two: " + size);
        double[] map = new double[size * size];
        double wibble = INITIAL_WIBBLE;
        for (int step = size; step >= 2; step /= 2) {
            int half = step / 2;
            // Squares: the centre of each cell from its four corners.
            for (int y = half; y < size; y += step)
                for (int x = half; x < size; x += step)
                    map[y * size + x] = perturbedMean(wibble, random,
                            at(map, size, y - half, x - half), at(map, size, y - half, x + half),
                            at(map, size, y + half, x - half), at(map, size, y + half, x + half));
            // Diamonds on the corner rows, then on the centre rows, each from its four orthogonal neighbours.
            for (int y = 0; y < size; y += step)
                for (int x = half; x < size; x += step)
                    map[y * size + x] = diamond(map, size, y, x, half, wibble, random);
            for (int y = half; y < size; y += step)
                for (int x = 0; x < size; x += step)
                    map[y * size + x] = diamond(map, size, y, x, half, wibble, random);
            wibble /= decay;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : map) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float[] out = new float[map.length];
        double range = max > min ? max - min : 1;
        for (int i = 0; i < map.length; i++) out[i] = (float) ((map[i] - min) / range);
        return out;
    }

    private static double diamond(double[] map, int size, int y, int x, int half, double wibble, ImageRandom random) {
        return perturbedMean(wibble, random, at(map, size, y - half, x), at(map, size, y + half, x),
                at(map, size, y, x - half), at(map, size, y, x + half));
    }

    private static double perturbedMean(double wibble, ImageRandom random, double a, double b, double c, double d) {
        return (a + b + c + d) / 4 + wibble * random.nextDouble(-wibble, wibble);
    }

    private static double at(double[] map, int size, int y, int x) {
        return map[Math.floorMod(y, size) * size + Math.floorMod(x, size)];
    }
}
