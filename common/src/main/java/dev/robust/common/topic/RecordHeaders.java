package dev.robust.trainer.messaging;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Reading Kafka headers the way {@code common} describes them: UTF-8 text, or the raw map for the event codec. */
public final class RecordHeaders {
    private RecordHeaders() {
    }

    /** The last value of {@code name} as UTF-8 text, or null when the record has no such header. */
    public static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static Map<String, byte[]> asMap(Headers headers) {
        Map<String, byte[]> map = new HashMap<>();
        for (Header header : headers) {
            map.put(header.key(), header.value());
        }
        return map;
    }
}
