package dev.robust.service.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a body longer than {@code quarkus.http.limits.max-body-size} as a 413 problem. Quarkus refuses it too, but
 * with an empty body, from a handler of its own ahead of the REST layer and its mappers; this one runs first.
 */
@ApplicationScoped
public class BodySizeLimit {
    static final String SETTING = "quarkus.http.limits.max-body-size";

    private final long maxBytes;
    private final ObjectMapper json;

    BodySizeLimit(@ConfigProperty(name = SETTING, defaultValue = "10240K") MemorySize max, ObjectMapper json) {
        this.maxBytes = max.asLongValue();
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext context) {
        long length = declaredLength(context.request().getHeader(HttpHeaders.CONTENT_LENGTH));
        if (length <= maxBytes) {
            context.next();
            return;
        }
        Problem problem = Problem.of(413, "the request body has " + length + " bytes; this service reads at most "
                + maxBytes + " (" + SETTING + ")", context.request().path(), ProblemMappers.BODY);
        try {
            context.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    // The body is not read: closing is the only way to be rid of it.
                    .putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE)
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }

    private static long declaredLength(String header) {
        if (header == null) return -1;
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
