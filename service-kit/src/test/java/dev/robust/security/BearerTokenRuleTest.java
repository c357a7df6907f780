package dev.robust.security;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BearerTokenRuleTest {
    private final BearerTokenRule rule = new BearerTokenRule(Optional.of("s3cret"));

    @Test
    void allowsEverythingWhenNoTokenIsConfigured() {
        for (Optional<String> none : new Optional[] {Optional.empty(), Optional.of(" ")}) {
            BearerTokenRule open = new BearerTokenRule(none);
            assertTrue(open.allows("DELETE", null));
        }
    }

    @Test
    void readsNeedNoToken() {
        assertTrue(rule.allows("GET", null));
        assertTrue(rule.allows("HEAD", null));
        assertTrue(rule.allows("OPTIONS", null));
    }

    @Test
    void mutatingRequestsNeedTheExactToken() {
        for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE"}) {
            assertFalse(rule.allows(method, null), method);
            assertFalse(rule.allows(method, "Bearer wrong"), method);
            assertFalse(rule.allows(method, "Basic czNjcmV0"), method);
            assertFalse(rule.allows(method, "Bearer s3cret-and-more"), method);
            assertTrue(rule.allows(method, "Bearer s3cret"), method);
        }
    }

    @Test
    void schemeIsCaseInsensitiveAndSurroundingSpaceIgnored() {
        assertTrue(rule.allows("POST", "bearer  s3cret "));
    }
}
