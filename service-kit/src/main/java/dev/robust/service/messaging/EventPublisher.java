package dev.robust.eval.messaging;

import dev.robust.common.event.Event;
import dev.robust.common.event.EventCodec;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.concurrent.ExecutionException;

/**
 * Publishes events as CloudEvents in binary mode to the topic their type names ({@code evaluations},
 * {@code evaluation.summaries}), keyed by {@link Event#recordKey()}: re-scoring a checkpoint yields the same keys,
 * so compaction keeps only the latest result of each (checkpoint, corruption, severity).
 */
@ApplicationScoped
public class EventPublisher {
    static final String SOURCE = "/" + DeadLetterPublisher.SERVICE;

    private final KafkaProducer<String, byte[]> producer;

    EventPublisher(KafkaProducer<String, byte[]> producer) {
        this.producer = producer;
    }

    /** Sends {@code event} and waits for the broker's acknowledgement. */
    public void publish(Event event) {
        EventCodec.OutgoingEvent outgoing = EventCodec.encode(event, SOURCE);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(outgoing.topic(), outgoing.key(),
                outgoing.value());
        outgoing.headers().forEach((name, value) -> record.headers().add(name, value));
        sendAwaited(producer, record);
    }

    /** Sends {@code record} and waits for the broker's acknowledgement; a failure is thrown, never dropped. */
    static void sendAwaited(KafkaProducer<String, byte[]> producer, ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + record.key(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot publish " + record.key() + " to " + record.topic() + ": "
                    + e.getCause().getMessage(), e);
        }
    }
}
