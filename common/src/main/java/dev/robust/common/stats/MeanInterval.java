package dev.robust.common.stats;

import java.util.Collection;

/**
 * The mean of a few measurements (one per seed) with its 95 % Student-t interval,
 * {@code mean ± t(0.975, n − 1) · s / √n}; with one measurement there is neither a standard deviation nor an
 * interval (both null).
 */
public record MeanInterval(int n, double mean, Double standardDeviation, Interval interval) {

    public static MeanInterval of(Collection<Double> values) {
        if (values.isEmpty()) throw new IllegalArgumentException("no values to average");
        int n = values.size();
        double mean = values.stream().mapToDouble(Double::doubleValue).sum() / n;
        if (n == 1) return new MeanInterval(1, mean, null, null);
        double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        double sd = Math.sqrt(squares / (n - 1));
        double half = StudentT.quantile(0.975, n - 1) * sd / Math.sqrt(n);
        return new MeanInterval(n, mean, sd, new Interval(mean - half, mean + half));
    }

    /**
     * The same from running sums, when the values themselves are not kept (a slice's per-image log-likelihoods):
     * {@code s² = (Σx² − (Σx)²/n)/(n − 1)}, clamped at 0 against rounding.
     */
    public static MeanInterval ofSums(long n, double sum, double sumOfSquares) {
        if (n < 1) throw new IllegalArgumentException("no values to average");
        double mean = sum / n;
        if (n == 1) return new MeanInterval(1, mean, null, null);
        double sd = Math.sqrt(Math.max(0, (sumOfSquares - sum * mean) / (n - 1)));
        double half = StudentT.quantile(0.975, n - 1) * sd / Math.sqrt(n);
        return new MeanInterval(Math.toIntExact(n), mean, sd, new Interval(mean - half, mean + half));
    }
}
