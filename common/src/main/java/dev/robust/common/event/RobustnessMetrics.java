package dev.robust.common.event;

import dev.robust.common.corruption.Corruption;
import dev.robust.common.stats.Calibration;
import dev.robust.common.stats.CalibrationBin;
import dev.robust.common.stats.Interval;
import dev.robust.common.stats.MeanInterval;
import dev.robust.common.stats.Wilson;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures robustness papers report beside top-1, for one checkpoint (part of {@link EvaluationSummary} since
 * schema v3):
 * <ul>
 * <li>{@code clean}, {@code corrupted} (every corrupted slice pooled) and {@code perCorruption} (its severities
 * pooled): images, expected calibration error ({@value Calibration#BINS} bins) and mean negative log-likelihood
 * with its 95 % Student-t interval; a corruption scored at all five severities also has its corruption error
 * {@code CE_c = mean_s E_{s,c}} and relative corruption error {@code mean_s (E_{s,c} − E_clean)} (E = 1 − top-1,
 * Hendrycks &amp; Dietterich's unnormalized CIFAR form);</li>
 * <li>over the 15 {@link Corruption#benchmark() benchmark corruptions} × 5 severities, only when all 75 slices are
 * scored ({@code benchmarkSlices} says how many are): RobustBench's common-corruptions accuracy (the mean top-1 of
 * the 75, with the Wilson interval of their images pooled), mCE = mean of the 15 {@code CE_c} (which is one minus
 * that accuracy, so its interval is the mirror image), and relative mCE (no interval: it is a difference of two
 * correlated errors and the results keep no per-image pairing).</li>
 * </ul>
 * ECE has no interval: its plug-in estimate is biased and a fair interval needs a bootstrap over the images, which
 * the histograms do not keep. ECE and NLL are absent where the results predate schema v2 of
 * {@link EvaluationResult}.
 */
public record RobustnessMetrics(SliceMetrics clean, SliceMetrics corrupted, Map<String, SliceMetrics> perCorruption,
                                int benchmarkSlices, Double commonCorruptionsAccuracy,
                                Interval commonCorruptionsAccuracyInterval, Double mce, Interval mceInterval,
                                Double relativeMce) {
    /** Slices of the benchmark: 15 corruptions × 5 severities. */
    public static final int BENCHMARK_SLICES = 15 * Corruption.MAX_SEVERITY;

    /**
     * @param corruptionError         mean over severities 1–5 of the error; null unless all five are scored
     * @param relativeCorruptionError mean over severities of (error − clean error); null also without clean
     */
    public record SliceMetrics(long images, Double ece, Double nll, Interval nllInterval, Double corruptionError,
                               Double relativeCorruptionError) {
    }

    public RobustnessMetrics {
        perCorruption = perCorruption == null ? Map.of() : Map.copyOf(perCorruption);
    }

    /**
     * From one checkpoint's successful results, at most one per slice ({@code corrupted}: corruption id → severity →
     * result); {@code clean} may be null.
     */
    static RobustnessMetrics of(EvaluationResult clean, Map<String, Map<Integer, EvaluationResult>> corrupted) {
        Double cleanError = clean == null ? null : 1 - clean.top1();
        Map<String, SliceMetrics> perCorruption = new TreeMap<>();
        List<EvaluationResult> allCorrupted = new ArrayList<>();
        corrupted.forEach((corruption, bySeverity) -> {
            allCorrupted.addAll(bySeverity.values());
            Double error = corruptionError(bySeverity);
            perCorruption.put(corruption, slice(bySeverity.values(), error,
                    error == null || cleanError == null ? null : error - cleanError));
        });

        List<EvaluationResult> benchmark = new ArrayList<>();
        for (Corruption corruption : Corruption.benchmark()) {
            benchmark.addAll(corrupted.getOrDefault(corruption.id(), Map.of()).values());
        }
        Double accuracy = null;
        Interval accuracyInterval = null;
        Double mce = null;
        Interval mceInterval = null;
        Double relativeMce = null;
        if (benchmark.size() == BENCHMARK_SLICES) {
            accuracy = benchmark.stream().mapToDouble(EvaluationResult::top1).average().orElseThrow();
            accuracyInterval = Wilson.interval(benchmark.stream().mapToLong(EvaluationResult::correct).sum(),
                    benchmark.stream().mapToLong(EvaluationResult::total).sum());
            mce = Corruption.benchmark().stream()
                    .mapToDouble(c -> perCorruption.get(c.id()).corruptionError()).average().orElseThrow();
            mceInterval = new Interval(1 - accuracyInterval.high(), 1 - accuracyInterval.low());
            if (cleanError != null) {
                relativeMce = Corruption.benchmark().stream()
                        .mapToDouble(c -> perCorruption.get(c.id()).relativeCorruptionError()).average()
                        .orElseThrow();
            }
        }
        return new RobustnessMetrics(clean == null ? null : slice(List.of(clean), null, null),
                allCorrupted.isEmpty() ? null : slice(allCorrupted, null, null), perCorruption, benchmark.size(),
                accuracy, accuracyInterval, mce, mceInterval, relativeMce);
    }

    /** CE_c: the mean error over severities 1–5; null unless all five are scored. */
    private static Double corruptionError(Map<Integer, EvaluationResult> bySeverity) {
        for (int severity = Corruption.MIN_SEVERITY; severity <= Corruption.MAX_SEVERITY; severity++) {
            if (!bySeverity.containsKey(severity)) return null;
        }
        return bySeverity.values().stream().mapToDouble(result -> 1 - result.top1()).average().orElseThrow();
    }

    /** Images, ECE and NLL of the results pooled; the likelihoods only of results that carry them. */
    private static SliceMetrics slice(Collection<EvaluationResult> results, Double corruptionError,
                                      Double relativeCorruptionError) {
        long images = results.stream().mapToLong(EvaluationResult::total).sum();
        List<EvaluationResult> measured = results.stream().filter(EvaluationResult::hasLikelihoods).toList();
        Double ece = null;
        Double nll = null;
        Interval nllInterval = null;
        if (!measured.isEmpty()) {
            List<List<CalibrationBin>> histograms = measured.stream().map(EvaluationResult::calibration).toList();
            ece = Calibration.ece(Calibration.pool(histograms));
            MeanInterval mean = MeanInterval.ofSums(measured.stream().mapToLong(EvaluationResult::total).sum(),
                    measured.stream().mapToDouble(EvaluationResult::nllSum).sum(),
                    measured.stream().mapToDouble(EvaluationResult::nllSumOfSquares).sum());
            nll = mean.mean();
            nllInterval = mean.interval();
        }
        return new SliceMetrics(images, ece, nll, nllInterval, corruptionError, relativeCorruptionError);
    }
}
