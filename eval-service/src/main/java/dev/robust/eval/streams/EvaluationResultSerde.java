package dev.robust.eval.streams;

import dev.robust.common.event.EvaluationResult;
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
 * {@link EvaluationResult} as the JSON body of its CloudEvent. Reading is lenient on purpose: a record that is not
 * an evaluation result (another {@code ce_type}, or a body that does not parse) reads as null, which a table treats
 * as "no value", so one bad record cannot stop the query table from loading.
 */
public final class EvaluationResultSerde implements Serde<EvaluationResult> {
    private static final Logger LOG = Logger.getLogger(EvaluationResultSerde.class);
    private static final String RESULT_TYPE = EventType.EVALUATION_RESULT.ceType();

    @Override
    public Serializer<EvaluationResult> serializer() {
        return (topic, result) -> result == null ? null : EventCodec.toJson(result);
    }

    @Override
    public Deserializer<EvaluationResult> deserializer() {
        return new Deserializer<>() {
            @Override
            public EvaluationResult deserialize(String topic, byte[] data) {
                return parse(topic, data);
            }

            @Override
            public EvaluationResult deserialize(String topic, Headers headers, byte[] data) {
                Header type = headers == null ? null : headers.lastHeader(CloudEventHeaders.TYPE);
                if (type != null && !RESULT_TYPE.equals(new String(type.value(), StandardCharsets.UTF_8))) {
                    return null;
                }
                return parse(topic, data);
            }
        };
    }

    private static EvaluationResult parse(String topic, byte[] data) {
        if (data == null) return null;
        try {
            return EventJson.mapper().readValue(data, EvaluationResult.class);
        } catch (IOException e) {
            LOG.warnf("skipping a record of %s that is not an evaluation result: %s", topic, e.getMessage());
            return null;
        }
    }
}
