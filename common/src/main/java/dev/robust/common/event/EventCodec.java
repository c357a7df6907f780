package dev.robust.common.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.robust.common.topic.RecordHeaders;
import org.apache.kafka.common.header.Headers;

import java.io.IOException;
import java.util.Map;

/**
 * Turns an event into what a producer sends (topic, key, CloudEvents headers, JSON body) and a received
 * (headers, body) back into the typed event.
 */
public final class EventCodec {
    /** Everything a producer needs to publish one event. */
    public record OutgoingEvent(String topic, String key, Map<String, byte[]> headers, byte[] value) {
    }

    private EventCodec() {
    }

    /** Encodes {@code event} as a new CloudEvent from {@code source} (e.g. {@code /trainer-service}). */
    public static OutgoingEvent encode(Event event, String source) {
        EventType type = EventType.of(event);
        return new OutgoingEvent(type.topic(), event.recordKey(),
                CloudEventHeaders.create(type, source).toHeaders(), toJson(event));
    }

    public static byte[] toJson(Event event) {
        try {
            return EventJson.mapper().writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + event, e);
        }
    }

    /** Decodes a received event; unknown types, bad headers and bodies that do not fit the type are rejected. */
    public static Event decode(Map<String, byte[]> headers, byte[] value) {
        CloudEventHeaders attributes = CloudEventHeaders.fromHeaders(headers);
        EventType type = EventType.fromCeType(attributes.type());
        if (type == null) throw new InvalidEventException("unknown event type '" + attributes.type() + "'");
        return fromJson(type, value, attributes.id());
    }

    /** Decodes the event of a received Kafka record from its headers and value. */
    public static Event decode(Headers headers, byte[] value) {
        return decode(RecordHeaders.asMap(headers), value);
    }

    private static Event fromJson(EventType type, byte[] value, String id) {
        if (value == null) throw new InvalidEventException("event " + id + " (" + type.ceType() + ") has no body");
        try {
            return EventJson.mapper().readValue(value, type.eventClass());
        } catch (IOException e) {
            throw new InvalidEventException("event " + id + " (" + type.ceType() + ") has an invalid body: "
                    + (e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage()), e);
        }
    }
}
