package dev.robust.trainer.messaging;

import dev.robust.common.topic.DeadLetterHeaders;
import dev.robust.common.topic.DeadLetterRecords;
import io.micrometer.core.instrument.Metrics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Moves a record the trainer cannot use to {@code <topic>.dlq}: original key, value and headers plus
 * {@link DeadLetterHeaders}, so one bad record neither fails a run nor vanishes unseen. The send is awaited; if even
 * the dead-letter topic cannot be written, the caller fails. The producer is opened on the first dead letter, so a
 * read that meets none costs nothing.
 */
public final class DeadLetters implements AutoCloseable {
    static final String SERVICE = "trainer-service";
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final KafkaClients kafka;
    private KafkaProducer<String, byte[]> producer;

    public DeadLetters(KafkaClients kafka) {
        this.kafka = kafka;
    }

    public synchronized void reject(ConsumerRecord<String, byte[]> record, Exception reason) {
        if (producer == null) producer = kafka.producer();
        ProducerRecord<String, byte[]> letter = DeadLetterRecords.of(record, record.key(), reason, SERVICE);
        LOG.warnf("%s-%d@%d -> %s: %s", record.topic(), record.partition(), record.offset(), letter.topic(),
                reason.getMessage());
        DeadLetterRecords.sendAwaited(producer, letter);
        // The trainer's readers are plain objects made per run; Quarkus exports the global registry.
        DeadLetterRecords.count(Metrics.globalRegistry, record.topic());
    }

    @Override
    public synchronized void close() {
        if (producer != null) producer.close(Duration.ofSeconds(5));
    }
}
