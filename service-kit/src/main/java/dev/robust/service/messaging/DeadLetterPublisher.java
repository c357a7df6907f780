package dev.robust.service.messaging;

import dev.robust.common.topic.DeadLetterHeaders;
import dev.robust.common.topic.DeadLetterRecords;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;

/**
 * Moves a record the service cannot use to {@code <topic>.dlq}: original key, value and headers plus
 * {@link DeadLetterHeaders} saying where it came from and why, counted in {@code robust_dead_letters_total{topic}}.
 *
 * <p>The one failure policy of every service: the send is awaited (bounded by the producer's
 * {@code delivery.timeout.ms}), and when even the dead-letter topic cannot be written {@link #reject} throws, so the
 * caller fails instead of going on: a record is either on its dead-letter topic or not yet acknowledged, never
 * dropped unseen (docs/architecture.md, "Dead letters").
 */
@ApplicationScoped
public class DeadLetterPublisher {
    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);

    private final Producer<String, byte[]> producer;
    private final MeterRegistry registry;
    private final String service;

    @Inject
    DeadLetterPublisher(KafkaClients clients, MeterRegistry registry,
                        @ConfigProperty(name = "quarkus.application.name") String service) {
        this(clients.producer(), registry, service);
    }

    /** A publisher outside CDI (benchmarks, tests): {@code service} names the consumer in the dead letter. */
    public DeadLetterPublisher(Producer<String, byte[]> producer, MeterRegistry registry, String service) {
        this.producer = producer;
        this.registry = registry;
        this.service = service;
    }

    /**
     * Writes the dead letter of {@code record}, rejected because of {@code reason}, and waits for the broker.
     *
     * @throws IllegalStateException when the dead letter cannot be written (the caller must not acknowledge the record)
     */
    public void reject(ConsumerRecord<?, byte[]> record, Exception reason) {
        ProducerRecord<String, byte[]> letter = DeadLetterRecords.of(record, keyText(record.key()), reason, service);
        LOG.warnf("%s-%d@%d -> %s: %s", record.topic(), record.partition(), record.offset(), letter.topic(),
                reason.getMessage());
        EventPublisher.sendAwaited(producer, letter);
        DeadLetterRecords.count(registry, record.topic());
    }

    private static String keyText(Object key) {
        if (key instanceof byte[] bytes) return new String(bytes, StandardCharsets.UTF_8);
        return key == null ? null : key.toString();
    }
}
