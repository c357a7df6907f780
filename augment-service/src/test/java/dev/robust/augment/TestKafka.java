package dev.robust.augment;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/** What the tests do to the broker directly, as another service would: send records and read topics back. */
public final class TestKafka {
    private final String bootstrap;

    public TestKafka(Map<String, Object> kafkaConfig) {
        this.bootstrap = String.valueOf(kafkaConfig.get("bootstrap.servers"));
    }

    public void send(String topic, String key, byte[] value, Map<String, byte[]> headers) throws Exception {
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.forEach(recordHeaders::add);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, null, key, value, recordHeaders)).get();
        }
    }

    /** Every record of {@code topic} up to its current end offsets, partition by partition. */
    public List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        return readUntil(topic, records -> true, Duration.ZERO);
    }

    /**
     * What a consumer that keeps the last value per key sees (as compaction will leave it): the latest record of every
     * key whose latest value is not a tombstone.
     */
    public List<ConsumerRecord<String, byte[]>> readTable(String topic) {
        Map<String, ConsumerRecord<String, byte[]>> latest = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : readAll(topic)) {
            if (record.value() == null) latest.remove(record.key());
            else latest.put(record.key(), record);
        }
        return new ArrayList<>(latest.values());
    }

    /**
     * Reads {@code topic} from the beginning until {@code done} holds for what was read (or {@code timeout} passes,
     * then returns what there is); with a zero timeout, reads to the current end offsets.
     */
    public List<ConsumerRecord<String, byte[]>> readUntil(String topic, Predicate<List<ConsumerRecord<String, byte[]>>> done,
                                                          Duration timeout) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (true) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                boolean atEnd = partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
                if (timeout.isZero() ? atEnd : done.test(records) || System.nanoTime() > deadline) return records;
                if (atEnd) end.putAll(consumer.endOffsets(partitions));
            }
        }
    }

    /** Waits until the consumer group has members with partitions assigned (a fresh group reads from the end). */
    public void awaitAssigned(String groupId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            while (System.nanoTime() < deadline) {
                try {
                    ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(groupId)).all().get()
                            .get(groupId);
                    if (group.members().stream().anyMatch(m -> !m.assignment().topicPartitions().isEmpty())) return;
                } catch (ExecutionException e) {
                    // A service just started may not have created its group yet.
                    if (!(e.getCause() instanceof GroupIdNotFoundException)) throw e;
                }
                Thread.sleep(200);
            }
        }
        throw new AssertionError("consumer group " + groupId + " got no partitions within " + timeout);
    }
}
