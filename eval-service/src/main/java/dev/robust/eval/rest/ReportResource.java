package dev.robust.eval.rest;

import dev.robust.common.event.EvaluationResult;
import dev.robust.common.event.EvaluationSummary;
import dev.robust.eval.scoring.ScoringPlan;
import dev.robust.eval.streams.EvaluationQueries;
import dev.robust.eval.streams.EvaluationTable;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * Summaries of runs and checkpoints, computed from the evaluation table on each request; a checkpoint is complete
 * when every slice of this service's scoring plan is scored.
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
    public RunReport run(@PathParam("id") String runId) {
        EvaluationQueries queries = table.queries();
        List<EvaluationResult> results = queries.forRun(runId);
        if (results.isEmpty()) throw new NotFoundException("no evaluations of run '" + runId + "' yet");
        return RunReport.of(runId, results, plan, queries::publishedSummary, queries.claimChecks(runId))
                .withScores(results);
    }

    @GET
    @Path("checkpoints/{id}/report")
    public CheckpointReport checkpoint(@PathParam("id") String checkpointId) {
        EvaluationQueries queries = table.queries();
        List<EvaluationResult> results = queries.forCheckpoint(checkpointId);
        if (results.isEmpty()) {
            throw new NotFoundException("no evaluations of checkpoint '" + checkpointId + "' yet");
        }
        return new CheckpointReport(RunReport.summary(results, plan).withComparisons(queries.publishedSummary(checkpointId)
                .map(EvaluationSummary::comparisons).orElse(List.of())), results);
    }
}
