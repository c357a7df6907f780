package dev.robust.common.prediction;

import dev.robust.common.corruption.Corruption;
import dev.robust.common.event.Comparison;
import dev.robust.common.event.EvaluationResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one model predicted on the slices verdicts are drawn on: the clean test images and each corruption's
 * severity-5 images (corruption id → predictions).
 */
public record ModelPredictions(String checkpointId, String name, Predictions clean,
                               Map<String, Predictions> severity5) {
    public ModelPredictions {
        severity5 = Map.copyOf(severity5);
    }

    /**
     * This model against {@code baseline} on the images both scored: clean, every corruption's severity-5 images
     * pooled ({@link Comparison#C_SEV5}), then each corruption in the released order. A slice that either model lacks,
     * or where they share no image, is left out.
     */
    public List<Comparison> compareWith(ModelPredictions baseline) {
        List<Comparison> comparisons = new ArrayList<>();
        if (clean != null && baseline.clean != null) {
            add(comparisons, baseline, EvaluationResult.CLEAN, PairedCounts.of(clean, baseline.clean));
        }
        Map<String, PairedCounts> perCorruption = new TreeMap<>();
        PairedCounts pooled = PairedCounts.NONE;
        for (Corruption corruption : Corruption.values()) {
            Predictions mine = severity5.get(corruption.id());
            Predictions theirs = baseline.severity5.get(corruption.id());
            if (mine == null || theirs == null) continue;
            PairedCounts counts = PairedCounts.of(mine, theirs);
            perCorruption.put(corruption.id(), counts);
            pooled = pooled.plus(counts);
        }
        add(comparisons, baseline, Comparison.C_SEV5, pooled);
        for (Corruption corruption : Corruption.values()) {
            PairedCounts counts = perCorruption.get(corruption.id());
            if (counts != null) add(comparisons, baseline, corruption.id(), counts);
        }
        return comparisons;
    }

    private static void add(List<Comparison> comparisons, ModelPredictions baseline, String slice,
                            PairedCounts counts) {
        if (counts.images() == 0) return;
        comparisons.add(Comparison.of(baseline.checkpointId, baseline.name, slice, counts.difference()));
    }
}
