package dev.robust.common.stats;

/**
 * The Wilson score interval of a proportion (Wilson 1927). Unlike the normal-approximation ("Wald") interval it
 * stays inside [0, 1] and keeps close to its nominal coverage at the accuracies and sample sizes of these
 * evaluations (a few hundred images per slice, top-1 near 0 or 1 for easy or destroyed slices).
 */
public final class Wilson {
    private Wilson() {
    }

    /** The 95 % interval of {@code successes} out of {@code trials}. */
    public static Interval interval(long successes, long trials) {
        if (trials <= 0) throw new IllegalArgumentException("trials must be >= 1, got " + trials);
        if (successes < 0 || successes > trials) {
            throw new IllegalArgumentException("successes must be 0.." + trials + ", got " + successes);
        }
        double n = trials;
        double p = successes / n;
        double z2 = Interval.Z_95 * Interval.Z_95;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Interval.Z_95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
        return new Interval(Math.max(0, centre - half), Math.min(1, centre + half));
    }
}
