package dev.robust.service.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.robust.common.InvalidFieldException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The one set of exception mappers of the three services: every error a request can meet, from an unreadable body
 * to a bug, answers {@value Problem#MEDIA_TYPE} with a detail that says what to change, never a stack trace.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** The field a problem names when the body as a whole is at fault (not JSON, not an object). */
    public static final String BODY = "body";

    /** A field the service checked and refused (a profile's setting, a data set spec, a bound). */
    @ServerExceptionMapper
    public Response invalidField(InvalidFieldException e, ContainerRequestContext request) {
        return problem(Response.Status.BAD_REQUEST.getStatusCode(), e.getMessage(), request, e.field()).build();
    }

    /** Request bodies are strict: a misspelt field is an error, not a setting silently ignored. */
    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, ContainerRequestContext request) {
        String known = e.getKnownPropertyIds() == null ? "" : "; fields: " + e.getKnownPropertyIds().stream()
                .map(String::valueOf).collect(Collectors.toCollection(TreeSet::new));
        return problem(400, "unknown field '" + e.getPropertyName() + "'" + known, request, path(e)).build();
    }

    /** A value of the wrong type, or a body that is not an object: Jackson knows the path to the field. */
    @ServerExceptionMapper
    public Response wrongValueType(MismatchedInputException e, ContainerRequestContext request) {
        return unreadableBody(e, request);
    }

    /** A body that is not JSON, or that Jackson cannot read for another reason (the path names the field). */
    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException e, ContainerRequestContext request) {
        String field = e instanceof JsonMappingException mapping ? path(mapping) : BODY;
        String what = BODY.equals(field) ? "request body" : "field '" + field + "'";
        return problem(400, what + ": " + e.getOriginalMessage(), request, field).build();
    }

    /** A read-back from Kafka did not finish in time: the broker is slow or unreachable, the request was fine. */
    @ServerExceptionMapper
    public Response tooSlow(TimeoutException e, ContainerRequestContext request) {
        return problem(503, e.getMessage() + "; try again once the broker answers", request, null).build();
    }

    /** 404, 405, 406, 415 and the rest of HTTP's own errors, with a detail that says what would have worked. */
    @ServerExceptionMapper
    public Response http(WebApplicationException e, ContainerRequestContext request) {
        // Quarkus' JSON reader wraps Jackson's parse errors; their message says where the body went wrong.
        if (e.getCause() instanceof JsonProcessingException unreadable) return unreadableBody(unreadable, request);
        int status = e.getResponse().getStatus();
        String detail = isDefaultMessage(e, status) ? defaultDetail(e, status, request) : e.getMessage();
        Response.ResponseBuilder answer = problem(status, detail, request, null);
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) values.forEach(value -> answer.header(name, value));
        });
        return answer.build();
    }

    /** HTTP's own errors, which Quarkus raises with messages that say what went wrong but not what to do. */
    private static String defaultDetail(WebApplicationException e, int status, ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (e instanceof NotFoundException) {
            return "no resource at " + path + "; GET /q/openapi lists this service's endpoints";
        }
        if (e instanceof NotAllowedException) {
            return request.getMethod() + " is not allowed on " + path + "; OPTIONS " + path
                    + " answers the methods it allows";
        }
        if (e instanceof NotAcceptableException) {
            return "no representation of " + path + " matches Accept: " + request.getHeaderString(HttpHeaders.ACCEPT)
                    + "; ask for application/json";
        }
        if (e instanceof NotSupportedException) {
            return "Content-Type " + Objects.requireNonNullElse(request.getHeaderString(HttpHeaders.CONTENT_TYPE),
                    "(none)") + " is not read by " + request.getMethod() + " " + path + "; send application/json";
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "HTTP " + status : known.getReasonPhrase();
    }

    /** A bug: logged with its stack trace, answered without it. */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, ContainerRequestContext request) {
        LOG.errorf(e, "%s %s failed", request.getMethod(), request.getUriInfo().getPath());
        return problem(500, "the service failed (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                + "); its log has the stack trace", request, null).build();
    }

    static Response.ResponseBuilder problem(int status, String detail, ContainerRequestContext request, String field) {
        return Problem.builder(status, detail, request.getUriInfo().getPath(), field);
    }

    /** A 404 raised by a resource says what is missing; the others come from Quarkus' matching of the request. */
    private static boolean isDefaultMessage(WebApplicationException e, int status) {
        return e instanceof NotAllowedException || e instanceof NotAcceptableException
                || e instanceof NotSupportedException || e.getMessage() == null
                || e.getMessage().startsWith("HTTP " + status);
    }

    /** {@code overrides.teacher.epochs}, {@code severities.0}; {@value #BODY} when the body itself is at fault. */
    private static String path(JsonMappingException e) {
        if (e.getPath().isEmpty()) return BODY;
        return e.getPath().stream().map(ref -> ref.getFieldName() != null ? ref.getFieldName()
                : Integer.toString(ref.getIndex())).collect(Collectors.joining("."));
    }
}
