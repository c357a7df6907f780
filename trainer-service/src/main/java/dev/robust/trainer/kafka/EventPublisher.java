package dev.robust.trainer.kafka;

import dev.robust.common.event.CheckpointCreated;
import dev.robust.common.event.Event;
import dev.robust.common.event.EventCodec;
import dev.robust.common.topic.CheckpointPartitions;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Publishes events as CloudEvents and waits for the broker's acknowledgement, so a run never outruns its events. */
public final class EventPublisher implements AutoCloseable {
    /** The CloudEvents {@code source} of everything the trainer publishes. */
    public static final String SOURCE = "/trainer-service";
    private static final long ACK_TIMEOUT_SECONDS = 60;

    private final Producer<String, byte[]> producer;

    public EventPublisher(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    public void publish(Event event) {
        EventCodec.OutgoingEvent outgoing = EventCodec.encode(event, SOURCE);
        List<org.apache.kafka.common.header.Header> headers = outgoing.headers().entrySet().stream()
                .map(h -> (org.apache.kafka.common.header.Header) new RecordHeader(h.getKey(), h.getValue()))
                .toList();
        var record = new ProducerRecord<>(outgoing.topic(), partition(event, outgoing.topic()), outgoing.key(),
                outgoing.value(), headers);
        try {
            producer.send(record).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + event.getClass().getSimpleName(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish " + event.getClass().getSimpleName() + " to "
                    + outgoing.topic() + " (key " + outgoing.key() + "): " + e.getMessage(), e);
        }
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

    @Override
    public void close() {
        producer.close();
    }
}
