package dev.robust.augment.messaging;

import dev.robust.common.topic.DeadLetterHeaders;
import dev.robust.common.topic.DeadLetterRecords;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Routes a record this service cannot process to {@code <topic>.dlq} with the error headers of
 * {@link DeadLetterHeaders}, counts it ({@link DeadLetterRecords#count}) and lets the caller go on.
 */
@ApplicationScoped
public class DeadLetterQueue {
    private static final Logger LOG = Logger.getLogger(DeadLetterQueue.class);
    private static final String CONSUMER = "augment-service";

    private final KafkaClients clients;
    private final MeterRegistry registry;

    DeadLetterQueue(KafkaClients clients, MeterRegistry registry) {
        this.clients = clients;
        this.registry = registry;
    }

    public void route(ConsumerRecord<String, byte[]> record, Exception reason) {
        ProducerRecord<String, byte[]> letter = DeadLetterRecords.of(record, record.key(), reason, CONSUMER);
        LOG.warnf("%s-%d@%d → %s: %s", record.topic(), record.partition(), record.offset(), letter.topic(),
                reason.getMessage());
        try {
            // Waited for: a dead letter is rare, and losing one would hide the very record someone must look at.
            clients.producer().send(letter).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.errorf(e, "could not write the dead letter for %s-%d@%d", record.topic(), record.partition(),
                    record.offset());
        }
        DeadLetterRecords.count(registry, record.topic());
    }
}
