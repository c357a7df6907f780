package dev.robust.imaging.random;

import java.util.SplittableRandom;

/**
 * The random source every imaging operation draws from. It is seeded per image from (seed, keys…) — for training
 * views (run seed, epoch, dataset index), for corruptions (seed, corruption, severity, index) — so any image can be
 * regenerated alone, in any order, on any thread.
 *
 * <p>Same seed, same bytes on every machine: the generator is SplitMix64 ({@link SplittableRandom}, specified bit for
 * bit), and the non-uniform draws use {@link StrictMath}, whose results are fixed by specification (unlike
 * {@link Math}, which may use faster, platform-specific intrinsics). Not thread-safe: one instance per image.
 */
public final class ImageRandom {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final SplittableRandom random;
    private double spareGaussian;
    private boolean hasSpareGaussian;

    private ImageRandom(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A source for the image identified by {@code keys} under {@code seed}. */
    public static ImageRandom forImage(long seed, long... keys) {
        long state = mix(seed);
        for (long key : keys) state = mix(state + GOLDEN_GAMMA + mix(key));
        return new ImageRandom(state);
    }

    /** The SplitMix64 finaliser: a bijection that spreads nearby keys over the whole seed space. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** Uniform in [origin, bound). */
    public int nextInt(int origin, int bound) {
        return random.nextInt(origin, bound);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return random.nextDouble();
    }

    /** Uniform in [origin, bound). */
    public double nextDouble(double origin, double bound) {
        return origin + (bound - origin) * random.nextDouble();
    }

    public boolean nextBoolean() {
        return random.nextBoolean();
    }

    /** Standard normal (polar Box–Muller; the second value of each pair is kept for the next call). */
    public double nextGaussian() {
        if (hasSpareGaussian) {
            hasSpareGaussian = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double factor = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        spareGaussian = v * factor;
        hasSpareGaussian = true;
        return u * factor;
    }

    /**
     * Poisson with mean {@code lambda}: exact (Knuth's product of uniforms) below 30, a rounded normal
     * N(λ, λ) above, where the two distributions are indistinguishable at 8-bit precision.
     */
    public int nextPoisson(double lambda) {
        if (lambda <= 0) return 0;
        if (lambda < 30) {
            double limit = StrictMath.exp(-lambda);
            double product = random.nextDouble();
            int count = 0;
            while (product > limit) {
                product *= random.nextDouble();
                count++;
            }
            return count;
        }
        long draw = Math.round(lambda + StrictMath.sqrt(lambda) * nextGaussian());
        return (int) Math.max(0, draw);
    }
}
