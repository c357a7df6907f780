package dev.robust.common.stats;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Expected calibration error over a histogram of {@value #BINS} equal-width bins of confidence on [0, 1] (Guo et
 * al.'s definition, the bin count most robustness papers report): {@code ECE = Σ_b |acc_b − conf_b| · n_b / N},
 * which with per-bin sums is {@code Σ_b |correct_b − Σconf_b| / N}. Histograms add, so a pooled ECE (all severities
 * of a corruption) is the ECE of the summed bins, not a mean of ECEs.
 */
public final class Calibration {
    public static final int BINS = 15;

    private Calibration() {
    }

    /** The bin of a confidence in [0, 1]: bin b holds (b/15, (b+1)/15], and 0 falls in the first. */
    public static int bin(double confidence) {
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence " + confidence + " is outside [0, 1]");
        }
        return Math.max(0, (int) Math.ceil(confidence * BINS) - 1);
    }

    /** {@code Σ_b |correct_b − Σconf_b| / N}; null when the histogram holds no image. */
    public static Double ece(List<CalibrationBin> bins) {
        requireBins(bins);
        long images = 0;
        double gap = 0;
        for (CalibrationBin bin : bins) {
            images += bin.images();
            gap += Math.abs(bin.correct() - bin.confidenceSum());
        }
        return images == 0 ? null : gap / images;
    }

    /** The bin-wise sum of several histograms. */
    public static List<CalibrationBin> pool(Collection<List<CalibrationBin>> histograms) {
        List<CalibrationBin> pooled = new ArrayList<>(empty());
        for (List<CalibrationBin> bins : histograms) {
            requireBins(bins);
            for (int b = 0; b < BINS; b++) pooled.set(b, pooled.get(b).plus(bins.get(b)));
        }
        return List.copyOf(pooled);
    }

    /** {@value #BINS} bins holding nothing. */
    public static List<CalibrationBin> empty() {
        List<CalibrationBin> bins = new ArrayList<>(BINS);
        for (int b = 0; b < BINS; b++) bins.add(new CalibrationBin(0, 0, 0));
        return List.copyOf(bins);
    }

    private static void requireBins(List<CalibrationBin> bins) {
        if (bins == null || bins.size() != BINS) {
            throw new IllegalArgumentException("a calibration histogram has " + BINS + " bins, got "
                    + (bins == null ? "none" : bins.size()));
        }
    }
}
