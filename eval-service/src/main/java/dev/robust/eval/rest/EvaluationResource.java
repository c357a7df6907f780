package dev.robust.eval.rest;

import dev.robust.common.event.EvaluationResult;
import dev.robust.eval.live.EvaluationStream;
import dev.robust.eval.live.FeedPosition;
import dev.robust.eval.live.TooManyClientsException;
import dev.robust.eval.streams.EvaluationTable;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

@Path("/evaluations")
public class EvaluationResource {
    /** Seconds a client should wait when every live-stream slot is taken. */
    private static final long RETRY_AFTER_SECONDS = 10;
    /** A client that takes longer than this to accept one event is treated as gone. */
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final EvaluationTable table;
    private final EvaluationStream stream;

    EvaluationResource(EvaluationTable table, EvaluationStream stream) {
        this.table = table;
        this.stream = stream;
    }

    /** The latest result of every (checkpoint, corruption, severity), of one run when {@code run} is given. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<EvaluationResult> list(@QueryParam("run") String run) {
        return run == null || run.isBlank() ? table.queries().all() : table.queries().forRun(run);
    }

    /**
     * Server-Sent Events: one event per result published by any replica, {@code event:} its CloudEvents type,
     * {@code id:} the Kafka position after it and {@code data:} its JSON as on Kafka. A client that reconnects with
     * {@code Last-Event-ID} (browsers' {@code EventSource} does so by itself) first gets every result it missed, in
     * order, then the live ones; without it the stream starts with the next result published.
     */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@HeaderParam("Last-Event-ID") String lastEventId, @Context SseEventSink sink,
                       @Context Sse sse) {
        Optional<FeedPosition> from;
        try {
            from = lastEventId == null || lastEventId.isBlank()
                    ? Optional.empty() : Optional.of(FeedPosition.parse(lastEventId.trim()));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        try {
            stream.open(from, new EvaluationStream.Client() {
                @Override
                public boolean deliver(EvaluationStream.Delivery delivery) {
                    return send(sink, sse.newEventBuilder().id(delivery.position().toString())
                            .name(delivery.eventType()).mediaType(MediaType.APPLICATION_JSON_TYPE)
                            .data(delivery.json()).build());
                }

                @Override
                public boolean idle() {
                    return send(sink, sse.newEventBuilder().comment("keep-alive").build());
                }
            });
        } catch (TooManyClientsException e) {
            throw new ServiceUnavailableException(e.getMessage(), RETRY_AFTER_SECONDS);
        }
    }

    private static boolean send(SseEventSink sink, OutboundSseEvent event) {
        if (sink.isClosed()) return false;
        try {
            sink.send(event).toCompletableFuture().get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (CompletionException | java.util.concurrent.ExecutionException
                 | java.util.concurrent.TimeoutException gone) {
            sink.close();
            return false;
        }
    }
}
