package dev.robust.eval.rest;

import dev.robust.eval.scoring.ScoringPlan;
import dev.robust.eval.streams.EvaluationQueries;
import dev.robust.eval.streams.EvaluationTable;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /leaderboard[?sort=<metric>&order=asc|desc]}: every scored checkpoint ranked (see {@link Leaderboard}),
 * computed from the query tables on each request. Without {@code sort}, C-sev5; without {@code order}, best first.
 * The page {@code /leaderboard.html} draws it and refreshes it as results stream in.
 */
@Path("/leaderboard")
@Produces(MediaType.APPLICATION_JSON)
public class LeaderboardResource {
    private final EvaluationTable table;
    private final ScoringPlan plan;

    LeaderboardResource(EvaluationTable table, ScoringPlan plan) {
        this.table = table;
        this.plan = plan;
    }

    @GET
    public Leaderboard leaderboard(@QueryParam("sort") String sort, @QueryParam("order") String order) {
        // Parameters are checked before the table is read, so a bad one is a 400 even while the table loads.
        RankingMetric metric = sort == null ? RankingMetric.DEFAULT : RankingMetric.parse(sort);
        SortOrder direction = order == null ? metric.better().bestFirst() : SortOrder.parse(order);
        EvaluationQueries queries = table.queries();
        return Leaderboard.rank(queries.all(), queries.claimChecks(), plan, metric, direction);
    }
}
