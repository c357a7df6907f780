package dev.robust.eval.rest;

import dev.robust.common.event.EvaluationResult;
import dev.robust.eval.messaging.EvaluationFeed;
import dev.robust.eval.streams.EvaluationTable;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.util.List;

@Path("/evaluations")
public class EvaluationResource {
    private final EvaluationTable table;
    private final EvaluationFeed feed;

    EvaluationResource(EvaluationTable table, EvaluationFeed feed) {
        this.table = table;
        this.feed = feed;
    }

    /** The latest result of every (checkpoint, corruption, severity), of one run when {@code run} is given. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<EvaluationResult> list(@QueryParam("run") String run) {
        return run == null || run.isBlank() ? table.queries().all() : table.queries().forRun(run);
    }

    /** Server-Sent Events: one {@code data:} line of JSON per result published from now on, by any replica. */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<EvaluationResult> stream() {
        return feed.live();
    }
}
