package dev.robust.service.messaging;

import dev.robust.common.checkpoint.CheckpointPartitions;
import dev.robust.common.event.CheckpointCreated;
import dev.robust.common.event.Event;
import dev.robust.common.event.EventCodec;
import dev.robust.common.topic.RecordHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.ExecutionException;

/**
 * Publishes events as CloudEvents in binary mode to the topic their type names, keyed by {@link Event#recordKey()}
 * (re-publishing a fact yields the same key, so compaction keeps its latest version), from the source
 * {@code /<service>}. Every send is awaited, so a caller never outruns its events.
 */
@ApplicationScoped
public class EventPublisher {
    private final Producer<String, byte[]> producer;
    private final String source;

    @Inject
    EventPublisher(KafkaClients clients, @ConfigProperty(name = "quarkus.application.name") String service) {
        this(clients.producer(), "/" + service);
    }

    /** A publisher outside CDI (benchmarks, tests), with the CloudEvents {@code source} of its events. */
    public EventPublisher(Producer<String, byte[]> producer, String source) {
        this.producer = producer;
        this.source = source;
    }

    /** Sends {@code event} and waits for the broker's acknowledgement. */
    public void publish(Event event) {
        EventCodec.OutgoingEvent outgoing = EventCodec.encode(event, source);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(outgoing.topic(),
                partition(event, outgoing.topic()), outgoing.key(), outgoing.value());
        RecordHeaders.addAll(record.headers(), outgoing.headers());
        sendAwaited(producer, record);
    }

    /**
     * Claim checks go where {@link CheckpointPartitions} puts them, so eval-service replicas share the scoring;
     * every other event by its key (null: the producer's partitioner).
     */
    private Integer partition(Event event, String topic) {
        if (!(event instanceof CheckpointCreated claim)) return null;
        int partitions = producer.partitionsFor(topic).size();
        return partitions == 0 ? null : CheckpointPartitions.of(claim, partitions);
    }

    /**
     * Sends {@code record} and waits for the broker's acknowledgement (at most the producer's
     * {@code delivery.timeout.ms}).
     *
     * @throws IllegalStateException naming the key and topic when the broker did not take it, or the wait was
     *                               interrupted: a failure is thrown, never dropped
     */
    public static void sendAwaited(Producer<String, byte[]> producer, ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + record.key() + " to " + record.topic(),
                    e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot publish " + record.key() + " to " + record.topic() + ": "
                    + e.getCause().getMessage(), e);
        }
    }
}
