package dev.robust.common.stats;

/**
 * The difference of two accuracies measured on the same {@code n} images, first minus second, with its 95 %
 * interval from the normal approximation for paired proportions: with {@code b} images only the first model gets
 * right and {@code c} only the second, the difference is {@code (b − c) / n} and its variance
 * {@code (b + c − (b − c)² / n) / n²} (Agresti, <i>Categorical Data Analysis</i>, §10.1). Closed form, so every
 * consumer of the predictions topic gets the same interval from the same counts; a paired bootstrap would need a
 * random source and thousands of resamples for an answer that, at these sample sizes, is the same to a tenth of a
 * point.
 */
public record PairedDifference(long images, long firstOnly, long secondOnly, double difference, Interval interval) {

    public static PairedDifference of(long images, long firstOnly, long secondOnly) {
        if (images <= 0) throw new IllegalArgumentException("images must be >= 1, got " + images);
        if (firstOnly < 0 || secondOnly < 0 || firstOnly + secondOnly > images) {
            throw new IllegalArgumentException("discordant counts " + firstOnly + " and " + secondOnly
                    + " must be >= 0 and sum to at most " + images);
        }
        double n = images;
        double d = (firstOnly - secondOnly) / n;
        double variance = (firstOnly + secondOnly - (firstOnly - secondOnly) * (double) (firstOnly - secondOnly) / n)
                / (n * n);
        double half = Interval.Z_95 * Math.sqrt(Math.max(0, variance));
        return new PairedDifference(images, firstOnly, secondOnly, d, new Interval(d - half, d + half));
    }

    /** McNemar's exact two-sided p-value of the same discordant counts. */
    public double pValue() {
        return McNemar.exactPValue(firstOnly, secondOnly);
    }

    /** The verdict on "first vs second" at 95 %, from the exact test. */
    public Verdict verdict() {
        return Verdict.of(difference, pValue());
    }
}
