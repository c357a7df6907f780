package dev.robust.eval.messaging;

import dev.robust.common.topic.DeadLetterHeaders;
import dev.robust.common.topic.Topics;
import dev.robust.eval.scoring.DeadLetterSink;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;

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

    DeadLetterPublisher(KafkaProducer<String, byte[]> producer) {
        this.producer = producer;
    }

    @Override
    public void reject(ConsumerRecord<byte[], byte[]> record, Exception reason) {
        String dlq = Topics.dlq(record.topic());
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(dlq, null, key, record.value());
        for (Header header : record.headers()) letter.headers().add(header);
        DeadLetterHeaders.describing(record.topic(), record.partition(), record.offset(), reason, SERVICE)
                .forEach(letter.headers()::add);
        LOG.warnf("%s[%d]@%d -> %s: %s", record.topic(), record.partition(), record.offset(), dlq,
                reason.getMessage());
        try {
            producer.send(letter).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering a record of " + record.topic(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot write to " + dlq + ": " + e.getCause().getMessage(), e);
        }
    }
}
