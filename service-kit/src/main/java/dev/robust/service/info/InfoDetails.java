package dev.robust.service.info;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a service adds to its {@code GET /info} answer beyond name, version and broker, as a CDI bean it produces.
 *
 * @param fields JSON field names (lowerCamelCase, as in every service's {@code /info}) and their values, in order
 */
public record InfoDetails(Map<String, Object> fields) {
    public InfoDetails {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
