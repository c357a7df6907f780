package dev.robust.common.event;

import dev.robust.common.InvalidFieldException;
import dev.robust.common.corruption.Corruption;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A checkpoint's corruption errors normalized to a baseline model's, as Hendrycks &amp; Dietterich define them:
 * per benchmark corruption c, {@code CE_c = Σ_s E_{s,c} / Σ_s E^base_{s,c}} and the relative
 * {@code Σ_s (E_{s,c} − E_clean) / Σ_s (E^base_{s,c} − E^base_clean)} (E = 1 − top-1, s = 1…5); {@code mce} and
 * {@code relativeMce} are their means over the 15 corruptions. A ratio whose baseline sum is not positive (a
 * baseline without error there, or one that degrades less than not at all) has no value, and neither has the mean
 * over it; {@code undefined} says which corruptions.
 */
public record NormalizedCorruptionError(String baselineCheckpointId, String baselineName, Double mce,
                                        Double relativeMce, Map<String, Ratios> perCorruption,
                                        List<String> undefined) {
    /** The query parameter and field a problem names. */
    public static final String FIELD = "baseline";

    /** One corruption's normalized CE and relative CE. */
    public record Ratios(Double corruptionError, Double relativeCorruptionError) {
    }

    /** The baseline cannot normalize this checkpoint's errors: a 400 naming {@value #FIELD}. */
    public static final class IncomparableBaselineException extends InvalidFieldException {
        public IncomparableBaselineException(String message) {
            super(FIELD, message);
        }
    }

    /**
     * Normalizes {@code model}'s errors to {@code baseline}'s. Both must have clean and all 75 benchmark slices
     * scored, on the same data set and the same number of images per slice (the same scope), or the ratios would
     * compare different things.
     *
     * @throws IncomparableBaselineException saying what differs
     */
    public static NormalizedCorruptionError of(EvaluationSummary model, EvaluationSummary baseline) {
        requireBenchmark(model, "checkpoint");
        requireBenchmark(baseline, "baseline");
        if (!Objects.equals(model.dataset(), baseline.dataset())) {
            throw new IncomparableBaselineException("baseline " + baseline.checkpointId() + " was scored on "
                    + baseline.dataset() + ", checkpoint " + model.checkpointId() + " on " + model.dataset()
                    + "; the baseline must be scored on the same data");
        }
        RobustnessMetrics ours = model.metrics();
        RobustnessMetrics theirs = baseline.metrics();
        if (ours.clean().images() != theirs.clean().images()) {
            throw differentScope(model, baseline, "clean", ours.clean().images(), theirs.clean().images());
        }
        Map<String, Ratios> perCorruption = new LinkedHashMap<>();
        List<String> undefined = new ArrayList<>();
        double ceSum = 0;
        double relativeSum = 0;
        boolean relativeDefined = true;
        for (Corruption corruption : Corruption.benchmark()) {
            String id = corruption.id();
            long ourImages = ours.perCorruption().get(id).images();
            long theirImages = theirs.perCorruption().get(id).images();
            if (ourImages != theirImages) throw differentScope(model, baseline, id, ourImages, theirImages);
            double errors = errorSum(model, id);
            double baseErrors = errorSum(baseline, id);
            double degradation = errors - 5 * (1 - model.cleanTop1());
            double baseDegradation = baseErrors - 5 * (1 - baseline.cleanTop1());
            Double ce = baseErrors > 0 ? errors / baseErrors : null;
            Double relative = baseDegradation > 0 ? degradation / baseDegradation : null;
            if (ce == null || relative == null) undefined.add(id);
            perCorruption.put(id, new Ratios(ce, relative));
            if (ce != null) ceSum += ce;
            if (relative != null) relativeSum += relative;
            else relativeDefined = false;
        }
        int count = Corruption.benchmark().size();
        boolean ceDefined = perCorruption.values().stream().allMatch(r -> r.corruptionError() != null);
        return new NormalizedCorruptionError(baseline.checkpointId(), baseline.displayName(),
                ceDefined ? ceSum / count : null, relativeDefined ? relativeSum / count : null, perCorruption,
                List.copyOf(undefined));
    }

    /** Throws unless {@code summary} (named {@code which} in the message) has clean and all 75 benchmark slices. */
    public static void requireBenchmark(EvaluationSummary summary, String which) {
        RobustnessMetrics metrics = summary.metrics();
        int slices = metrics == null ? 0 : metrics.benchmarkSlices();
        if (summary.cleanTop1() == null || slices != RobustnessMetrics.BENCHMARK_SLICES) {
            throw new IncomparableBaselineException(which + " " + summary.checkpointId() + " has "
                    + (summary.cleanTop1() == null ? "no clean score and " : "") + slices + " of the "
                    + RobustnessMetrics.BENCHMARK_SLICES + " benchmark slices (15 corruptions × 5 severities) "
                    + "scored; normalized mCE needs clean and all of them for both models");
        }
    }

    private static IncomparableBaselineException differentScope(EvaluationSummary model, EvaluationSummary baseline,
                                                                String slice, long ours, long theirs) {
        return new IncomparableBaselineException("baseline " + baseline.checkpointId() + " was scored on " + theirs
                + " " + slice + " images, checkpoint " + model.checkpointId() + " on " + ours + "; the baseline "
                + "must be scored on the same images (the same caps)");
    }

    /** Σ_s E_{s,c} over severities 1–5. */
    private static double errorSum(EvaluationSummary summary, String corruption) {
        return summary.perCorruption().get(corruption).entrySet().stream()
                .filter(e -> e.getKey() >= Corruption.MIN_SEVERITY && e.getKey() <= Corruption.MAX_SEVERITY)
                .mapToDouble(e -> 1 - e.getValue()).sum();
    }
}
