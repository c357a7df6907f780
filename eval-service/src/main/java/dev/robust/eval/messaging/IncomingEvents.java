package dev.robust.eval.messaging;

import dev.robust.common.event.Event;
import dev.robust.common.event.EventCodec;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.util.LinkedHashMap;
import java.util.Map;

/** Decodes CloudEvents received from Kafka (binary mode: attributes in headers, JSON body). */
public final class IncomingEvents {
    private IncomingEvents() {
    }

    /**
     * The typed event; throws {@code InvalidEventException} for unknown types, missing attributes or bad bodies.
     * When a header repeats, the last one counts, as Kafka's {@code lastHeader} reads it.
     */
    public static Event decode(Headers headers, byte[] value) {
        Map<String, byte[]> map = new LinkedHashMap<>();
        for (Header header : headers) map.put(header.key(), header.value());
        return EventCodec.decode(map, value);
    }
}
