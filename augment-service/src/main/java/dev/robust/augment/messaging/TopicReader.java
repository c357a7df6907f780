package dev.robust.augment.messaging;

import dev.robust.service.messaging.KafkaClients;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Reads a whole topic — every partition, without a consumer group — up to the end offsets it had when the read
 * began. Used to read data topics back (counts, the training set, the test set to corrupt): these are compacted
 * tables keyed by index, so a reader that keeps the last value per key sees each image once.
 */
@ApplicationScoped
public class TopicReader {
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaClients clients;

    TopicReader(KafkaClients clients) {
        this.clients = clients;
    }

    /** Reads all of {@code topic}; see {@link #readFrom}. */
    public Map<Integer, Long> readAll(String topic, Duration timeout, Consumer<ConsumerRecord<String, byte[]>> sink)
            throws TimeoutException {
        return readFrom(topic, Map.of(), timeout, sink);
    }

    /**
     * Reads {@code topic} from the given offset per partition (the beginning where none is given) to the end offsets
     * of the moment, and returns those end offsets: pass them as {@code from} next time to read only what is new.
     */
    public Map<Integer, Long> readFrom(String topic, Map<Integer, Long> from, Duration timeout,
                                       Consumer<ConsumerRecord<String, byte[]>> sink) throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = clients.reader(KafkaClients.TEXT_KEYS, 500, true)) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
            if (partitions == null || partitions.isEmpty()) return Map.of();
            List<TopicPartition> assigned = partitions.stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, timeout);
            Map<Integer, Long> ends = new HashMap<>();
            Map<TopicPartition, Long> remaining = new HashMap<>();
            for (TopicPartition partition : assigned) {
                long start = from.getOrDefault(partition.partition(), 0L);
                long stop = end.get(partition);
                ends.put(partition.partition(), stop);
                if (start >= stop) continue;
                remaining.put(partition, stop);
                if (start == 0) consumer.seekToBeginning(List.of(partition));
                else consumer.seek(partition, start);
            }
            consumer.pause(assigned.stream().filter(p -> !remaining.containsKey(p)).toList());
            while (!remaining.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("reading " + topic + " to its end offsets took longer than " + timeout
                            + "; partitions still behind: " + remaining.keySet());
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    Long stop = remaining.get(partition);
                    if (stop == null || record.offset() >= stop) continue;
                    sink.accept(record);
                }
                // Positions, not the last record seen: compaction and transaction markers leave offset gaps.
                for (TopicPartition partition : List.copyOf(remaining.keySet())) {
                    if (consumer.position(partition) >= remaining.get(partition)) {
                        remaining.remove(partition);
                        consumer.pause(List.of(partition));
                    }
                }
            }
            return ends;
        }
    }
}
