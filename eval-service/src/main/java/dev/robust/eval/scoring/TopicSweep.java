package dev.robust.eval.scoring;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One pass over a data topic with an assigned consumer (no group, nothing committed): from the beginning of every
 * partition up to the end offsets noted when the pass starts. Records produced meanwhile are not part of this
 * pass, so a sweep always ends, and two sweeps started on the same topic contents see the same records.
 */
final class TopicSweep {

    /** Receives each record of the pass; returns false to end the pass early (e.g. every cap reached). */
    @FunctionalInterface
    interface RecordHandler {
        boolean accept(ConsumerRecord<byte[], byte[]> record);
    }

    private final Consumer<byte[], byte[]> consumer;
    private final Duration pollTimeout;

    TopicSweep(Consumer<byte[], byte[]> consumer, Duration pollTimeout) {
        this.consumer = consumer;
        this.pollTimeout = pollTimeout;
    }

    /** Streams {@code topic} through {@code handler}; returns the number of records handed to it. */
    long run(String topic, RecordHandler handler) {
        List<PartitionInfo> partitionInfos = consumer.partitionsFor(topic);
        if (partitionInfos == null || partitionInfos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " has no partitions");
        }
        List<TopicPartition> partitions = partitionInfos.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> remaining = new HashMap<>(consumer.endOffsets(partitions));
        dropFinished(remaining);
        long handled = 0;
        try {
            while (!remaining.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(pollTimeout)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    Long end = remaining.get(partition);
                    if (end == null || record.offset() >= end) continue;
                    handled++;
                    if (!handler.accept(record)) return handled;
                }
                dropFinished(remaining);
            }
            return handled;
        } finally {
            consumer.unsubscribe();
        }
    }

    /** Removes (and pauses) the partitions whose position has reached the end offset noted at the start. */
    private void dropFinished(Map<TopicPartition, Long> remaining) {
        remaining.entrySet().removeIf(entry -> {
            boolean done = consumer.position(entry.getKey()) >= entry.getValue();
            if (done) consumer.pause(List.of(entry.getKey()));
            return done;
        });
    }
}
