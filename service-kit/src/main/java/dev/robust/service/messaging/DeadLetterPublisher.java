package dev.robust.eval.messaging;

import dev.robust.common.topic.DeadLetterHeaders;
import dev.robust.common.topic.DeadLetterRecords;
import dev.robust.eval.scoring.DeadLetterSink;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;

/**
 * Moves a record this service cannot process to {@code <topic>.dlq}: original key, value and headers, plus
 * {@link DeadLetterHeaders} saying where it came from and why. The send is awaited, so a record is never dropped
 * silently: if even the dead-letter topic cannot be written, the caller fails.
 */
@ApplicationScoped
public class DeadLetterPublisher implements DeadLetterSink {
    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);
    static final String SERVICE = "eval-service";

    private final KafkaProducer<String, byte[]> producer;
    private final MeterRegistry registry;

    DeadLetterPublisher(KafkaProducer<String, byte[]> producer, MeterRegistry registry) {
        this.producer = producer;
        this.registry = registry;
    }

    @Override
    public void reject(ConsumerRecord<byte[], byte[]> record, Exception reason) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        ProducerRecord<String, byte[]> letter = DeadLetterRecords.of(record, key, reason, SERVICE);
        LOG.warnf("%s[%d]@%d -> %s: %s", record.topic(), record.partition(), record.offset(), letter.topic(),
                reason.getMessage());
        DeadLetterRecords.sendAwaited(producer, letter);
        DeadLetterRecords.count(registry, record.topic());
    }
}
