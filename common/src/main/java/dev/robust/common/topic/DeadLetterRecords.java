package dev.robust.common.topic;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The dead letter of a record a consumer cannot use, as every service writes it: to {@code <topic>.dlq} with the
 * original key, value and headers plus {@link DeadLetterHeaders} saying where it came from and why, counted in
 * {@code robust_dead_letters_total{topic}} (the topic the record came from).
 */
public final class DeadLetterRecords {

    /** The one name every service counts its dead letters under. */
    public static final String COUNTER = "robust.dead.letters";

    private DeadLetterRecords() {
    }

    /** Counts one dead letter of a record read from {@code topic}. */
    public static void count(MeterRegistry registry, String topic) {
        Counter.builder(COUNTER).description("Records routed to a dead-letter topic, by the topic they came from")
                .tag("topic", topic).register(registry).increment();
    }

    /**
     * The dead letter of {@code record}, rejected by {@code consumer} because of {@code reason}.
     *
     * @param key the record's key as text (consumers read keys as bytes or as strings)
     */
    public static ProducerRecord<String, byte[]> of(ConsumerRecord<?, byte[]> record, String key, Exception reason,
                                                    String consumer) {
        ProducerRecord<String, byte[]> letter =
                new ProducerRecord<>(Topics.dlq(record.topic()), null, key, record.value());
        for (Header header : record.headers()) {
            letter.headers().add(header);
        }
        DeadLetterHeaders.describing(record.topic(), record.partition(), record.offset(), reason, consumer)
                .forEach(letter.headers()::add);
        return letter;
    }
}
