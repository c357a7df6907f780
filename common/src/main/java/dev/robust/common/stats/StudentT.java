package dev.robust.common.stats;

/**
 * Student's t distribution: its distribution function through the regularised incomplete beta function
 * (continued fraction, modified Lentz), and quantiles by bisection on it. Enough for the t intervals over a handful
 * of seeds; no statistics library is on the contract module's class path.
 */
public final class StudentT {
    private static final int MAX_ITERATIONS = 300;
    private static final double EPSILON = 1e-15;
    private static final double TINY = 1e-300;

    private StudentT() {
    }

    /** P(T ≤ t) for {@code degrees} degrees of freedom. */
    public static double cdf(double t, double degrees) {
        if (degrees <= 0) throw new IllegalArgumentException("degrees of freedom must be > 0, got " + degrees);
        double x = degrees / (degrees + t * t);
        double tail = 0.5 * regularizedBeta(x, degrees / 2, 0.5);
        return t >= 0 ? 1 - tail : tail;
    }

    /** The t with P(T ≤ t) = {@code p}. */
    public static double quantile(double p, double degrees) {
        if (!(p > 0 && p < 1)) throw new IllegalArgumentException("p must be in (0, 1), got " + p);
        if (p < 0.5) return -quantile(1 - p, degrees);
        double low = 0;
        double high = 1;
        while (cdf(high, degrees) < p) high *= 2;
        for (int i = 0; i < 200 && high - low > 1e-12 * Math.max(1, high); i++) {
            double mid = (low + high) / 2;
            if (cdf(mid, degrees) < p) low = mid;
            else high = mid;
        }
        return (low + high) / 2;
    }

    /** I_x(a, b). */
    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        double logFront = a * Math.log(x) + b * Math.log(1 - x) - logBeta(a, b);
        // The continued fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry otherwise.
        if (x < (a + 1) / (a + b + 2)) return Math.exp(logFront) * continuedFraction(x, a, b) / a;
        return 1 - Math.exp(logFront) * continuedFraction(1 - x, b, a) / b;
    }

    private static double continuedFraction(double x, double a, double b) {
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        if (Math.abs(d) < TINY) d = TINY;
        d = 1 / d;
        double result = d;
        for (int m = 1; m <= MAX_ITERATIONS; m++) {
            int m2 = 2 * m;
            double even = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + even * d;
            if (Math.abs(d) < TINY) d = TINY;
            c = 1 + even / c;
            if (Math.abs(c) < TINY) c = TINY;
            d = 1 / d;
            result *= d * c;
            double odd = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + odd * d;
            if (Math.abs(d) < TINY) d = TINY;
            c = 1 + odd / c;
            if (Math.abs(c) < TINY) c = TINY;
            d = 1 / d;
            double delta = d * c;
            result *= delta;
            if (Math.abs(delta - 1) < EPSILON) break;
        }
        return result;
    }

    private static double logBeta(double a, double b) {
        return logGamma(a) + logGamma(b) - logGamma(a + b);
    }

    /** ln Γ(x) for x > 0 (Lanczos approximation, g = 7, nine coefficients; ~15 significant digits). */
    static double logGamma(double x) {
        if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        double[] g = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
                -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
                1.5056327351493116e-7};
        double y = x - 1;
        double sum = g[0];
        for (int i = 1; i < g.length; i++) sum += g[i] / (y + i);
        double t = y + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}
