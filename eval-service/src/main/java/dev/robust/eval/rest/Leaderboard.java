package dev.robust.eval.rest;

import dev.robust.common.event.CheckpointCreated;
import dev.robust.common.event.EvaluationResult;
import dev.robust.common.event.EvaluationSummary;
import dev.robust.common.event.ModelKind;
import dev.robust.common.event.ModelRole;
import dev.robust.common.event.Provenance;
import dev.robust.common.stats.Interval;
import dev.robust.eval.scoring.ScoringPlan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code GET /leaderboard}: every scored checkpoint — trained here, imported, exported and submitted back — ranked by
 * one {@link RankingMetric}. Scores are summarised from the compacted results as every other read of this service
 * (so a checkpoint being scored ranks by what is in, marked {@code partial}); provenance comes from its claim check,
 * with engine and data from the results where the claim check is gone. A checkpoint without the metric (nothing
 * scored at severity 5, fewer than the 75 benchmark slices for mCE, no likelihoods for ECE and NLL, or failed) ranks
 * last in either order; ties go by checkpoint id, so the order is stable.
 */
public record Leaderboard(String sort, SortOrder order, List<Column> metrics, List<Row> rows) {
    /**
     * A metric the board carries: its name in {@code sort} and {@code scores}, heading, which way is better,
     * whether it is a fraction or in nats, and whether rows may carry its 95 % interval.
     */
    public record Column(String name, String label, RankingMetric.Better better, RankingMetric.Unit unit,
                         boolean interval) {
    }

    /**
     * One checkpoint's standing.
     *
     * @param scores    metric name → value (absent when the checkpoint has none)
     * @param intervals metric name → 95 % interval, where there is one
     */
    public record Row(int rank, String checkpointId, String runId, String modelName, ModelKind kind, ModelRole role,
                      int epoch, EvaluationSummary.Status status, Map<String, Double> scores,
                      Map<String, Interval> intervals, Origin provenance) {
    }

    /**
     * Where the model came from.
     *
     * @param publisher who announced it (claim check v3), e.g. {@code trainer-service}, {@code robust submit}
     * @param engine    the engine or runtime that scores it ({@code dl4j}, {@code torch}, {@code onnxruntime})
     * @param model     the architecture (trained here) or the name it was submitted under (imported)
     * @param data      what it was trained on, as its claim check says; the scored images' label without one
     * @param scoredOn  the label of the images it was scored on ({@code synthetic} says the scores mean nothing
     *                  about CIFAR-10)
     * @param synthetic either label is {@code synthetic}
     * @param date      when its claim check was written
     * @param profile   the run profile, for a model trained here
     * @param seed      the run's seed, for a model trained here
     * @param version   the project version that wrote the claim check
     */
    public record Origin(String publisher, String engine, String model, String data, String scoredOn,
                         boolean synthetic, Instant date, String profile, Long seed, String version) {
    }

    /** Ranks the checkpoints of {@code results} by {@code metric} in {@code order}. */
    public static Leaderboard rank(Collection<EvaluationResult> results, Collection<CheckpointCreated> claims,
                                   ScoringPlan plan, RankingMetric metric, SortOrder order) {
        Map<String, List<EvaluationResult>> byCheckpoint = RunReport.byCheckpoint(results);
        // The latest claim check per checkpoint id (a re-announced one is the same checkpoint).
        Map<String, CheckpointCreated> claimById = claims.stream().collect(Collectors.toMap(
                CheckpointCreated::checkpointId, Function.identity(), (first, second) -> second));
        Comparator<EvaluationSummary> byMetric = Comparator.comparing(metric::valueOf,
                Comparator.nullsLast(order == SortOrder.ASC ? Comparator.<Double>naturalOrder()
                        : Comparator.<Double>reverseOrder()));
        List<EvaluationSummary> ranked = byCheckpoint.values().stream()
                .map(own -> RunReport.summary(own, plan))
                .sorted(byMetric.thenComparing(EvaluationSummary::checkpointId))
                .toList();
        List<Row> rows = new ArrayList<>();
        for (EvaluationSummary summary : ranked) {
            rows.add(row(rows.size() + 1, summary, byCheckpoint.get(summary.checkpointId()),
                    claimById.get(summary.checkpointId())));
        }
        List<Column> columns = Arrays.stream(RankingMetric.values())
                .map(m -> new Column(m.id(), m.label(), m.better(), m.unit(), m.hasInterval())).toList();
        return new Leaderboard(metric.id(), order, columns, rows);
    }

    private static Row row(int rank, EvaluationSummary summary, List<EvaluationResult> results,
                           CheckpointCreated claim) {
        Map<String, Double> scores = new LinkedHashMap<>();
        Map<String, Interval> intervals = new LinkedHashMap<>();
        for (RankingMetric metric : RankingMetric.values()) {
            Double value = metric.valueOf(summary);
            if (value != null) scores.put(metric.id(), value);
            Interval interval = metric.intervalOf(summary);
            if (interval != null) intervals.put(metric.id(), interval);
        }
        return new Row(rank, summary.checkpointId(), summary.runId(), summary.displayName(), summary.kind(),
                summary.role(), summary.epoch(), summary.status(), scores, intervals, origin(results, claim));
    }

    private static Origin origin(List<EvaluationResult> results, CheckpointCreated claim) {
        String scoredOn = results.stream().map(EvaluationResult::dataset).filter(Objects::nonNull).findFirst()
                .orElse(null);
        String engine = claim != null ? claim.engine()
                : results.stream().map(EvaluationResult::engine).filter(Objects::nonNull).findFirst().orElse(null);
        String data = claim != null ? claim.dataset() : scoredOn;
        Provenance provenance = claim == null ? null : claim.provenance();
        boolean synthetic = RunHeader.SYNTHETIC.equals(data) || RunHeader.SYNTHETIC.equals(scoredOn);
        return new Origin(provenance == null ? null : provenance.publisher(), engine,
                claim == null ? null : claim.model(), data, scoredOn, synthetic,
                claim == null ? null : claim.createdAt(), provenance == null ? null : provenance.profile(),
                provenance == null ? null : provenance.seed(), provenance == null ? null : provenance.version());
    }
}
