package dev.robust.common.topic;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kafka record headers as {@code common} describes them (UTF-8 text, or name → bytes for the event codec), read and
 * written in one place by every service and the CLI.
 */
public final class RecordHeaders {
    private RecordHeaders() {
    }

    /** The last value of {@code name} as UTF-8 text, or null when the record has no such header. */
    public static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Every header by name, in record order; of a repeated name the last value. */
    public static Map<String, byte[]> asMap(Headers headers) {
        Map<String, byte[]> map = new LinkedHashMap<>();
        for (Header header : headers) {
            map.put(header.key(), header.value());
        }
        return map;
    }

    /** Adds every entry of {@code headers} to {@code target}, in map order; returns {@code target}. */
    public static Headers addAll(Headers target, Map<String, byte[]> headers) {
        headers.forEach(target::add);
        return target;
    }
}
