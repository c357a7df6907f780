package dev.robust.augment.messaging;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * Sends a batch of records asynchronously and tells, at the end, whether the broker acknowledged all of them.
 * Keeps the producer pipelined (no wait per record) while making a failed send fail the whole job.
 */
public final class SendTracker {
    private final KafkaProducer<String, byte[]> producer;
    private final String what;
    private final LongConsumer onAcknowledged;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    /** {@code onAcknowledged} receives the running count after each acknowledgement (progress, metrics). */
    public SendTracker(KafkaProducer<String, byte[]> producer, String what, LongConsumer onAcknowledged) {
        this.producer = producer;
        this.what = what;
        this.onAcknowledged = onAcknowledged;
    }

    /** Hands one record to the producer; blocks only while the producer's buffer is full (back-pressure). */
    public void send(ProducerRecord<String, byte[]> record) {
        failIfAnySendFailed();
        producer.send(record, (metadata, exception) -> {
            if (exception != null) firstFailure.compareAndSet(null, exception);
            else onAcknowledged.accept(acknowledged.incrementAndGet());
        });
    }

    /** Records the broker acknowledged so far. */
    public long acknowledged() {
        return acknowledged.get();
    }

    /** Flushes and returns how many records the broker acknowledged; throws if any send failed. */
    public long awaitAll() {
        producer.flush();
        failIfAnySendFailed();
        return acknowledged.get();
    }

    private void failIfAnySendFailed() {
        Exception failure = firstFailure.get();
        if (failure != null) {
            throw new IllegalStateException("sending " + what + " failed after " + acknowledged.get()
                    + " acknowledged records: " + failure.getMessage(), failure);
        }
    }
}
