package dev.robust.cli.report;

import dev.robust.common.corruption.Corruption;
import dev.robust.common.event.Comparison;
import dev.robust.common.event.EvaluationResult;
import dev.robust.common.event.EvaluationSummary;
import dev.robust.common.event.RobustnessMetrics;
import dev.robust.common.stats.Interval;
import dev.robust.common.stats.Wilson;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The scores of one final checkpoint (raw teacher, SWA teacher or student). The headline figures and their 95 %
 * intervals are the eval-service's summary; the slices, with their image counts, are its individual results, so a
 * reader can check one against the other. A student's {@code comparisons} are its summary's paired comparisons with
 * each final teacher. {@code metrics} are its summary's robustness metrics (calibration, likelihood, the
 * benchmark's corruption errors); null from an eval-service before them.
 *
 * @param name   the model's name ({@code SWA teacher}, {@code raw teacher (before SWA)}, {@code student})
 * @param kind   {@code raw}, {@code swa}, {@code final}, or {@code epoch}; null from an eval-service before kinds
 * @param status {@code complete}, {@code partial} (the profile scores a subset) or {@code failed}
 */
public record ModelScores(String role, String name, String kind, String checkpointId, int epoch, String engine,
                          String status, Slice clean, Double cleanTop1, Interval cleanInterval, Double cSev5,
                          Interval cSev5Interval, Double cAll, Interval cAllInterval, List<CorruptionScores> corruptions,
                          List<Comparison> comparisons, RobustnessMetrics metrics) {

    /** Joins a summary with the successful results of the same checkpoint, corruptions in the canonical order. */
    public static ModelScores of(EvaluationSummary summary, List<EvaluationResult> results) {
        Slice clean = null;
        Map<String, List<Slice>> byCorruption = new TreeMap<>(
                Comparator.comparingInt(ModelScores::canonicalOrder).thenComparing(Comparator.naturalOrder()));
        String engine = null;
        for (EvaluationResult result : results) {
            if (!result.checkpointId().equals(summary.checkpointId())) {
                throw new IllegalArgumentException("result of " + result.checkpointId() + " given with the summary of "
                        + summary.checkpointId());
            }
            engine = result.engine();
            if (result.status() != EvaluationResult.Status.OK) continue;
            Slice slice = Slice.of(result.severity(), result.correct(), result.total(), result.top1());
            if (result.isClean()) clean = slice;
            else byCorruption.computeIfAbsent(result.corruption(), c -> new ArrayList<>()).add(slice);
        }
        List<CorruptionScores> corruptions = new ArrayList<>();
        byCorruption.forEach((corruption, slices) -> {
            slices.sort(Comparator.comparingInt(Slice::severity));
            corruptions.add(new CorruptionScores(corruption, List.copyOf(slices)));
        });
        return new ModelScores(summary.role().id(), summary.displayName(),
                summary.kind() == null ? null : summary.kind().id(), summary.checkpointId(), summary.epoch(), engine,
                summary.status().name().toLowerCase(Locale.ROOT), clean, summary.cleanTop1(),
                summary.cleanTop1Interval(), summary.cSev5(), summary.cSev5Interval(), summary.cAll(),
                summary.cAllInterval(), List.copyOf(corruptions), summary.comparisons(), summary.metrics());
    }

    public Optional<CorruptionScores> corruption(String id) {
        return corruptions.stream().filter(c -> c.corruption().equals(id)).findFirst();
    }

    /** Mean top-1 over the corruptions scored at {@code severity}; empty when none was. */
    public Optional<Double> meanAt(int severity) {
        List<Double> values = corruptions.stream().flatMap(c -> c.at(severity).stream()).map(Slice::top1).toList();
        return values.isEmpty() ? Optional.empty()
                : Optional.of(values.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
    }

    /**
     * The 95 % Wilson interval of every image scored at {@code severity}, all corruptions pooled (as the summary's
     * C-sev5 interval pools them); empty when none was.
     */
    public Optional<Interval> pooledIntervalAt(int severity) {
        List<Slice> slices = corruptions.stream().flatMap(c -> c.at(severity).stream()).toList();
        if (slices.isEmpty()) return Optional.empty();
        return Optional.of(Wilson.interval(slices.stream().mapToLong(Slice::correct).sum(),
                slices.stream().mapToLong(Slice::total).sum()));
    }

    /** Position in {@link Corruption#values()}, the order of the CIFAR-10-C paper; unknown names last. */
    private static int canonicalOrder(String id) {
        for (Corruption corruption : Corruption.values()) {
            if (corruption.id().equals(id)) return corruption.ordinal();
        }
        return Integer.MAX_VALUE;
    }
}
