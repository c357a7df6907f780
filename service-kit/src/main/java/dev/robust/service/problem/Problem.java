package dev.robust.service.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem detail, the body of every error answer of every service ({@value #MEDIA_TYPE}).
 * {@code field} (an extension member) names the request field at fault when there is one; {@code instance} is the
 * request's path. Text that may come from the request is cut to {@link #MAX_TEXT} characters, so an error never
 * echoes a large input back.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String field) {
    public static final String MEDIA_TYPE = "application/problem+json";
    /** Longest detail, field or instance an answer carries; longer text ends in an ellipsis and its length. */
    public static final int MAX_TEXT = 500;

    public Problem {
        detail = truncate(detail);
        instance = truncate(instance);
        field = truncate(field);
    }

    public static Problem of(int status, String detail, String instance, String field) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return new Problem("about:blank", known == null ? "HTTP " + status : known.getReasonPhrase(), status, detail,
                instance, field);
    }

    public static Response response(Response.Status status, String detail, String field) {
        return builder(status.getStatusCode(), detail, null, field).build();
    }

    public static Response.ResponseBuilder builder(int status, String detail, String instance, String field) {
        return Response.status(status).type(MEDIA_TYPE).entity(of(status, detail, instance, field));
    }

    static String truncate(String text) {
        if (text == null || text.length() <= MAX_TEXT) return text;
        return text.substring(0, MAX_TEXT) + "… (" + text.length() + " characters)";
    }
}
