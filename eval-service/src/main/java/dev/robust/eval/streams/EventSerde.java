package dev.robust.eval.streams;

import dev.robust.common.event.Event;
import dev.robust.common.event.EventCodec;
import dev.robust.common.event.EventJson;
import dev.robust.common.event.EventType;
import dev.robust.common.event.CloudEventHeaders;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One event type as the JSON body of its CloudEvent (current or earlier version of the type). Reading is lenient on
 * purpose: a record that is not of the type (another {@code ce_type}, or a body that does not parse) reads as null,
 * which a table treats as "no value", so one bad record cannot stop a query table from loading.
 */
public final class EventSerde<T extends Event> implements Serde<T> {
    private static final Logger LOG = Logger.getLogger(EventSerde.class);

    private final EventType type;
    private final Class<T> eventClass;

    public EventSerde(EventType type, Class<T> eventClass) {
        if (type.eventClass() != eventClass) {
            throw new IllegalArgumentException(type + " events are " + type.eventClass().getSimpleName());
        }
        this.type = type;
        this.eventClass = eventClass;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, event) -> event == null ? null : EventCodec.toJson(event);
    }

    @Override
    public Deserializer<T> deserializer() {
        return new Deserializer<>() {
            @Override
            public T deserialize(String topic, byte[] data) {
                return parse(topic, data);
            }

            @Override
            public T deserialize(String topic, Headers headers, byte[] data) {
                Header ceType = headers == null ? null : headers.lastHeader(CloudEventHeaders.TYPE);
                if (ceType != null
                        && EventType.fromCeType(new String(ceType.value(), StandardCharsets.UTF_8)) != type) {
                    return null;
                }
                return parse(topic, data);
            }
        };
    }

    private T parse(String topic, byte[] data) {
        if (data == null) return null;
        try {
            return EventJson.mapper().readValue(data, eventClass);
        } catch (IOException e) {
            LOG.warnf("skipping a record of %s that is not a %s event: %s", topic, type.ceType(), e.getMessage());
            return null;
        }
    }
}
