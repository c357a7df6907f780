package dev.robust.eval.rest;

import dev.robust.common.InvalidFieldException;
import dev.robust.common.event.EvaluationResult;
import dev.robust.common.event.EvaluationSummary;
import dev.robust.common.event.NormalizedCorruptionError;
import dev.robust.eval.scoring.ScoringPlan;
import dev.robust.eval.streams.EvaluationQueries;
import dev.robust.eval.streams.EvaluationTable;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * Summaries of runs and checkpoints, computed from the evaluation table on each request; a checkpoint is complete
 * when every slice of this service's scoring plan is scored. {@code ?baseline=<checkpoint id>} adds corruption
 * errors normalized to that checkpoint's (400 naming {@code baseline} when it is unknown or not scored on clean and
 * all 75 benchmark slices).
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {
    private final EvaluationTable table;
    private final ScoringPlan plan;

    ReportResource(EvaluationTable table, ScoringPlan plan) {
        this.table = table;
        this.plan = plan;
    }

    /** Every run with at least one evaluation, and its checkpoints' summaries. */
    @GET
    @Path("runs")
    public List<RunReport> runs() {
        EvaluationQueries queries = table.queries();
        return RunReport.allRuns(queries.all(), plan, queries::publishedSummary, queries.claimChecks());
    }

    @GET
    @Path("runs/{id}/report")
    public RunReport run(@PathParam("id") String runId, @QueryParam("baseline") String baseline) {
        EvaluationQueries queries = table.queries();
        List<EvaluationResult> results = queries.forRun(runId);
        if (results.isEmpty()) throw new NotFoundException("no evaluations of run '" + runId + "' yet");
        RunReport report = RunReport.of(runId, results, plan, queries::publishedSummary, queries.claimChecks(runId))
                .withScores(results);
        return isBlank(baseline) ? report
                : report.withBaseline(baselineSummary(baseline, queries));
    }

    @GET
    @Path("checkpoints/{id}/report")
    public CheckpointReport checkpoint(@PathParam("id") String checkpointId,
                                       @QueryParam("baseline") String baseline) {
        EvaluationQueries queries = table.queries();
        List<EvaluationResult> results = queries.forCheckpoint(checkpointId);
        EvaluationSummary summary = summary(checkpointId, results, queries);
        return new CheckpointReport(summary, results, normalized(summary, baseline, queries));
    }

    /**
     * {@code GET /checkpoints/{id}/robustness}: the checkpoint's headline top-1 figures and its robustness metrics
     * (calibration, likelihood, common-corruptions accuracy, mCE), normalized to a baseline when one is named.
     */
    @GET
    @Path("checkpoints/{id}/robustness")
    public CheckpointRobustness robustness(@PathParam("id") String checkpointId,
                                           @QueryParam("baseline") String baseline) {
        EvaluationQueries queries = table.queries();
        EvaluationSummary summary = summary(checkpointId, queries.forCheckpoint(checkpointId), queries);
        return CheckpointRobustness.of(summary, normalized(summary, baseline, queries));
    }

    private EvaluationSummary summary(String checkpointId, List<EvaluationResult> results,
                                      EvaluationQueries queries) {
        if (results.isEmpty()) {
            throw new NotFoundException("no evaluations of checkpoint '" + checkpointId + "' yet");
        }
        return RunReport.summary(results, plan).withComparisons(queries.publishedSummary(checkpointId)
                .map(EvaluationSummary::comparisons).orElse(List.of()));
    }

    /** Null without a baseline; a 400 naming {@code baseline} when the two cannot be compared. */
    private NormalizedCorruptionError normalized(EvaluationSummary summary, String baseline,
                                                 EvaluationQueries queries) {
        if (isBlank(baseline)) return null;
        return NormalizedCorruptionError.of(summary, baselineSummary(baseline, queries));
    }

    /**
     * The baseline's summary, from its results as they are now; a 400 naming {@code baseline} when it has no
     * evaluations or lacks a slice the normalization needs (clean and the 75 benchmark slices).
     */
    private EvaluationSummary baselineSummary(String checkpointId, EvaluationQueries queries) {
        List<EvaluationResult> results = queries.forCheckpoint(checkpointId);
        if (results.isEmpty()) {
            throw new InvalidFieldException(NormalizedCorruptionError.FIELD, "baseline '" + checkpointId
                    + "' has no evaluations; expected the id of a scored checkpoint (GET /runs lists them)");
        }
        EvaluationSummary baseline = RunReport.summary(results, plan);
        NormalizedCorruptionError.requireBenchmark(baseline, "baseline");
        return baseline;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
