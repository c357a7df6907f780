package dev.robust.common.event;

import dev.robust.common.stats.Interval;
import dev.robust.common.stats.PairedDifference;
import dev.robust.common.stats.Verdict;

/**
 * The checkpoint a summary describes against a baseline (the student against one teacher) on the same images of
 * one slice: {@code clean}, {@code c_sev5} (every corruption's severity-5 images pooled) or a corruption id (its
 * severity-5 images). {@code difference} is this checkpoint's top-1 minus the baseline's, with its 95 % interval;
 * {@code pValue} is McNemar's exact two-sided test on the discordant images, and {@code verdict} reads it at 95 %.
 */
public record Comparison(String baselineCheckpointId, String baselineName, String slice, long images,
                         long onlyThisCorrect, long onlyBaselineCorrect, double difference,
                         Interval differenceInterval, double pValue, Verdict verdict) {
    /** The slice name of every corruption's severity-5 images taken together. */
    public static final String C_SEV5 = "c_sev5";

    public static Comparison of(String baselineCheckpointId, String baselineName, String slice,
                                PairedDifference difference) {
        return new Comparison(baselineCheckpointId, baselineName, slice, difference.images(), difference.firstOnly(),
                difference.secondOnly(), difference.difference(), difference.interval(), difference.pValue(),
                difference.verdict());
    }
}
