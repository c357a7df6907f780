package dev.robust.common.stats;

/**
 * McNemar's exact test for paired binary outcomes: two models scored on the same images differ only on the
 * discordant images, {@code b} (only the first is right) and {@code c} (only the second is). Under the null
 * hypothesis of equal accuracy each discordant image is a fair coin, so {@code b ~ Binomial(b + c, 1/2)}; the
 * two-sided p-value doubles the smaller tail (capped at 1). Exact at every count, so small corruption slices need no
 * continuity correction.
 */
public final class McNemar {
    private static final double LN2 = Math.log(2);

    private McNemar() {
    }

    public static double exactPValue(long b, long c) {
        if (b < 0 || c < 0) throw new IllegalArgumentException("discordant counts must be >= 0, got " + b + ", " + c);
        long n = b + c;
        if (n == 0) return 1.0;
        long k = Math.min(b, c);
        // P(X <= k) for X ~ Binomial(n, 1/2), summed in log space: 2^-n underflows a double beyond n = 1074.
        double logCoefficient = 0; // ln C(n, 0)
        double logTail = Double.NEGATIVE_INFINITY;
        for (long i = 0; i <= k; i++) {
            if (i > 0) logCoefficient += Math.log(n - i + 1) - Math.log(i);
            logTail = logSum(logTail, logCoefficient - n * LN2);
        }
        return Math.min(1.0, 2 * Math.exp(logTail));
    }

    private static double logSum(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) return b;
        double max = Math.max(a, b);
        return max + Math.log(Math.exp(a - max) + Math.exp(b - max));
    }
}
