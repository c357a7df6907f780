package dev.robust.augment.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.robust.augment.ingest.InvalidFieldException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** Turns request errors into {@code application/problem+json} answers that name the field at fault. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response invalidField(InvalidFieldException e) {
        return Problem.response(Response.Status.BAD_REQUEST, e.getMessage(), e.field());
    }

    /** A body that is not JSON, or a value of the wrong type: Jackson knows the path to the field. */
    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? mapping.getPath().stream().map(ref -> ref.getFieldName() != null ? ref.getFieldName()
                        : Integer.toString(ref.getIndex())).collect(Collectors.joining("."))
                : "body";
        return Problem.response(Response.Status.BAD_REQUEST, "request body: " + e.getOriginalMessage(), field);
    }

    /** Quarkus maps this subtype (a value of the wrong type) itself, to plain JSON; ours names the field. */
    @ServerExceptionMapper
    public Response wrongValueType(MismatchedInputException e) {
        return unreadableBody(e);
    }

    /** A read-back from Kafka did not finish in time: the broker is slow or unreachable, the request was fine. */
    @ServerExceptionMapper
    public Response kafkaTooSlow(TimeoutException e) {
        return Problem.response(Response.Status.SERVICE_UNAVAILABLE, e.getMessage(), null);
    }
}
