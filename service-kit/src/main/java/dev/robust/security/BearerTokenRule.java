package dev.robust.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * Which requests need the bearer token: with a token configured, every request that changes state (POST, PUT,
 * PATCH, DELETE) must carry {@code Authorization: Bearer <token>}; reads never do, so dashboards, health probes and
 * metrics stay open. Without a token everything is allowed, as on a developer's machine.
 */
public final class BearerTokenRule {
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final String SCHEME = "Bearer ";

    private final byte[] token;

    /** @param token the configured token; empty or blank means none is required */
    public BearerTokenRule(Optional<String> token) {
        this.token = token.filter(t -> !t.isBlank()).map(t -> t.trim().getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    /** @param authorization the request's {@code Authorization} header, or null */
    public boolean allows(String method, String authorization) {
        if (token == null || !MUTATING.contains(method)) return true;
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) return false;
        byte[] given = authorization.substring(SCHEME.length()).trim().getBytes(StandardCharsets.UTF_8);
        // Constant-time comparison: the time taken must not tell an attacker how much of a guess was right.
        return MessageDigest.isEqual(given, token);
    }
}
