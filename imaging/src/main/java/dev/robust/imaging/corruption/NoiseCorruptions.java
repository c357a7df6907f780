package dev.robust.imaging.corruption;

import dev.robust.imaging.random.ImageRandom;

/** Gaussian, shot, impulse and speckle noise; every sample of every channel gets its own draw. */
final class NoiseCorruptions {
    private static final double[] GAUSSIAN_SIGMA = {0.04, 0.06, 0.08, 0.09, 0.10};
    private static final double[] SHOT_PHOTONS = {500, 250, 100, 75, 50};
    private static final double[] IMPULSE_AMOUNT = {0.01, 0.02, 0.03, 0.05, 0.07};
    private static final double[] SPECKLE_SIGMA = {0.06, 0.1, 0.12, 0.16, 0.2};

    private NoiseCorruptions() {
    }

    /** x + N(0, σ). */
    static float[] gaussianNoise(float[] x, int severity, ImageRandom random) {
        double sigma = GAUSSIAN_SIGMA[severity - 1];
        for (int i = 0; i < x.length; i++) x[i] += (float) (sigma * random.nextGaussian());
        return x;
    }

    /** Poisson(x·c)/c: photon noise with c photons at full intensity. */
    static float[] shotNoise(float[] x, int severity, ImageRandom random) {
        double photons = SHOT_PHOTONS[severity - 1];
        for (int i = 0; i < x.length; i++) x[i] = (float) (random.nextPoisson(x[i] * photons) / photons);
        return x;
    }

    /** Salt and pepper: each sample, with probability {@code amount}, becomes 0 or 1 with equal odds. */
    static float[] impulseNoise(float[] x, int severity, ImageRandom random) {
        double amount = IMPULSE_AMOUNT[severity - 1];
        for (int i = 0; i < x.length; i++) {
            if (random.nextDouble() < amount) x[i] = random.nextBoolean() ? 1f : 0f;
        }
        return x;
    }

    /** x + x·N(0, σ): noise proportional to intensity. */
    static float[] speckleNoise(float[] x, int severity, ImageRandom random) {
        double sigma = SPECKLE_SIGMA[severity - 1];
        for (int i = 0; i < x.length; i++) x[i] += (float) (x[i] * sigma * random.nextGaussian());
        return x;
    }
}
