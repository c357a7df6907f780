package dev.robust.trainer.kafka;

import dev.robust.common.topic.DeadLetterHeaders;
import dev.robust.common.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.ExecutionException;

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
        String dlq = Topics.dlq(record.topic());
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(dlq, null, record.key(), record.value());
        for (Header header : record.headers()) letter.headers().add(header);
        DeadLetterHeaders.describing(record.topic(), record.partition(), record.offset(), reason, SERVICE)
                .forEach(letter.headers()::add);
        LOG.warnf("%s-%d@%d -> %s: %s", record.topic(), record.partition(), record.offset(), dlq,
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

    @Override
    public synchronized void close() {
        if (producer != null) producer.close(Duration.ofSeconds(5));
    }
}
