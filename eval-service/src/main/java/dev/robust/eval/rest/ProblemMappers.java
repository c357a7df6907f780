package dev.robust.eval.rest;

import dev.robust.eval.streams.TableNotReadyException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Errors as {@code application/problem+json}, so clients get one error shape from every endpoint. */
public class ProblemMappers {
    /** Seconds a client should wait while the query table loads. */
    private static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response notReady(TableNotReadyException e, UriInfo uri) {
        return problem(Response.Status.SERVICE_UNAVAILABLE.getStatusCode(), e.getMessage(), uri)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        return problem(e.getResponse().getStatus(), e.getMessage(), uri).build();
    }

    private static Response.ResponseBuilder problem(int status, String detail, UriInfo uri) {
        Response.Status known = Response.Status.fromStatusCode(status);
        Problem problem = new Problem("about:blank", known == null ? "HTTP " + status : known.getReasonPhrase(),
                status, detail, uri.getPath());
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem);
    }
}
