package dev.robust.trainer.rest;

import dev.robust.common.event.RunFailed;
import dev.robust.common.event.RunRequested;
import dev.robust.common.profile.InvalidProfileException;
import dev.robust.common.profile.RunProfile;
import dev.robust.engine.Engine;
import dev.robust.service.problem.Problem;
import dev.robust.trainer.config.AvailableEngines;
import dev.robust.service.messaging.EventPublisher;
import dev.robust.trainer.run.RunBoard;
import dev.robust.trainer.run.RunView;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs: request one (it waits in Kafka until a trainer replica is free), list them, follow one, cancel one.
 * Every replica answers for every run: the board is folded from the {@code runs} topic.
 */
@Path("/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {
    /** The profile setting that names the engine; a request's {@code engine} field sets it too. */
    static final String ENGINE_SETTING = "engine";

    private final AvailableEngines engines;
    private final EventPublisher publisher;
    private final RunBoard board;

    RunsResource(AvailableEngines engines, EventPublisher publisher, RunBoard board) {
        this.engines = engines;
        this.publisher = publisher;
        this.board = board;
    }

    /**
     * Validates the request, publishes {@code RunRequested} and answers 202 with the run's id. The profile is never
     * guessed: a run of the wrong size would start on data that may not be there.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response request(RunRequestBody body) {
        if (body == null || body.profile() == null) {
            throw new InvalidProfileException(RunProfile.PROFILE_FIELD, "a run request names its profile, e.g. "
                    + "{\"profile\": \"ci\"}; profiles: " + RunProfile.NAMES);
        }
        Map<String, Object> overrides = new LinkedHashMap<>(body.overrides() == null ? Map.of() : body.overrides());
        // The request's engine field is the profile's engine setting, so the run's config records what trains it.
        if (body.engine() != null) {
            overrides.put(ENGINE_SETTING, body.engine());
        }
        RunProfile profile = RunProfile.named(body.profile()).withOverrides(overrides);
        Engine engine = engines.find(profile.engine()).orElseThrow(() -> new InvalidProfileException(ENGINE_SETTING,
                "unknown engine '" + profile.engine() + "'; engines on this trainer's class path: " + engines.names()));
        if (!engine.architectures().contains(profile.model())) {
            throw new InvalidProfileException("model", "unknown model '" + profile.model() + "' for engine "
                    + engine.name() + "; models: " + engine.architectures());
        }
        String runId = newRunId();
        // The engine is resolved here, so the event alone says what trains the run, whatever replica takes it.
        RunRequested request = new RunRequested(runId, profile.name(), overrides, Map.copyOf(profile.asMap()),
                profile.seed(), engine.name());
        publisher.publish(request);
        board.apply(request);
        return Response.accepted(new RunAccepted(runId, profile.name(), engine.name(), profile.seed(),
                        profile.asMap()))
                .location(UriBuilder.fromResource(RunsResource.class).path(runId).build())
                .build();
    }

    @GET
    public List<RunView> list() {
        return board.views();
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String runId) {
        return board.view(runId)
                .map(view -> Response.ok(view).build())
                .orElseGet(() -> notFound(runId));
    }

    /**
     * Cancels a run: publishes {@code RunFailed} with the cancellation reason. The replica training it stops at
     * its next batch; a request still waiting is skipped when a trainer reaches it.
     */
    @DELETE
    @Path("/{id}")
    public Response cancel(@PathParam("id") String runId) {
        if (!board.isKnown(runId)) {
            return notFound(runId);
        }
        if (board.hasEnded(runId)) {
            return Problem.response(Response.Status.CONFLICT,
                    "run " + runId + " has already ended (" + board.view(runId).orElseThrow().status() + ")", null);
        }
        RunFailed cancelled = new RunFailed(runId, RunBoard.CANCELLED_REASON, null, null);
        publisher.publish(cancelled);
        board.apply(cancelled);
        return Response.accepted(board.view(runId).orElseThrow()).build();
    }

    private static Response notFound(String runId) {
        return Problem.response(Response.Status.NOT_FOUND, "no run with id '" + runId + "'", "id");
    }

    /** {@code run-} and 12 hex digits: short to type, no {@code /} (record keys), safe as a directory name. */
    private static String newRunId() {
        UUID uuid = UUID.randomUUID();
        return "run-" + HexFormat.of().toHexDigits(uuid.getMostSignificantBits()).substring(0, 12);
    }
}
