package dev.robust.eval.rest;

import dev.robust.common.event.EvaluationResult;
import dev.robust.common.stats.Interval;
import dev.robust.common.stats.Wilson;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One checkpoint's scores as the report page's charts draw them, each with its 95 % Wilson interval (the error
 * bars): {@code slices}, every successful result (clean and each corruption at each severity); {@code bySeverity},
 * one point per severity that was scored (0 = clean): the mean top-1 over the corruptions and the interval of their
 * images pooled, as the summary's C-sev5 pools them. Severities not scored have no point, so no chart draws a line
 * through them.
 */
public record CheckpointScores(List<SliceScore> slices, List<SeverityScore> bySeverity) {

    public record SliceScore(String corruption, int severity, double top1, long images, Interval interval) {
    }

    public record SeverityScore(int severity, double top1, long images, Interval interval, int corruptions) {
    }

    /** The successful results of one checkpoint; a failed slice is left out, as the summary leaves it out. */
    public static CheckpointScores of(Collection<EvaluationResult> results) {
        List<SliceScore> slices = new ArrayList<>();
        Map<Integer, List<EvaluationResult>> bySeverity = new TreeMap<>();
        for (EvaluationResult result : results) {
            if (result.status() != EvaluationResult.Status.OK) continue;
            slices.add(new SliceScore(result.corruption(), result.severity(), result.top1(), result.total(),
                    result.top1Interval()));
            bySeverity.computeIfAbsent(result.isClean() ? 0 : result.severity(), s -> new ArrayList<>()).add(result);
        }
        List<SeverityScore> points = new ArrayList<>();
        bySeverity.forEach((severity, scored) -> {
            long correct = scored.stream().mapToLong(EvaluationResult::correct).sum();
            long images = scored.stream().mapToLong(EvaluationResult::total).sum();
            double mean = scored.stream().mapToDouble(EvaluationResult::top1).average().orElseThrow();
            points.add(new SeverityScore(severity, mean, images, Wilson.interval(correct, images),
                    severity == 0 ? 0 : scored.size()));
        });
        return new CheckpointScores(List.copyOf(slices), List.copyOf(points));
    }
}
