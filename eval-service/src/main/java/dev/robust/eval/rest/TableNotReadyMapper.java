package dev.robust.eval.rest;

import dev.robust.eval.streams.TableNotReadyException;
import dev.robust.service.problem.Problem;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The eval-service's one error of its own; every other error is mapped by the service kit's mappers. */
public class TableNotReadyMapper {
    /** Seconds a client should wait while the query table loads. */
    private static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response notReady(TableNotReadyException e, UriInfo uri) {
        return Problem.builder(Response.Status.SERVICE_UNAVAILABLE.getStatusCode(), e.getMessage(), uri.getPath(),
                        null)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
    }
}
