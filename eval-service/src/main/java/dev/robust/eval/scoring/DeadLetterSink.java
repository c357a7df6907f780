package dev.robust.eval.scoring;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Where records that cannot be processed go: {@code <topic>.dlq}, with the reason in headers. */
@FunctionalInterface
public interface DeadLetterSink {
    void reject(ConsumerRecord<byte[], byte[]> record, Exception reason);
}
