package dev.robust.security;

import dev.robust.service.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Answers 401 (RFC 9457 problem, {@code WWW-Authenticate: Bearer}) to a state-changing request without the token
 * configured as {@code robust.security.token} (environment: {@code ROBUST_SECURITY_TOKEN}). The token itself is
 * never logged or echoed.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class MutatingRequestFilter implements ContainerRequestFilter {
    public static final String TOKEN_PROPERTY = "robust.security.token";

    private final BearerTokenRule rule;

    MutatingRequestFilter(@ConfigProperty(name = TOKEN_PROPERTY) Optional<String> token) {
        this.rule = new BearerTokenRule(token);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (rule.allows(request.getMethod(), request.getHeaderString(HttpHeaders.AUTHORIZATION))) return;
        request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"robust\"")
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(401, request.getMethod() + " requests need the header 'Authorization: Bearer "
                        + "<token>' with the token this service was configured with (" + TOKEN_PROPERTY + ")",
                        request.getUriInfo().getPath(), null))
                .build());
    }
}
