package dev.robust.trainer.messaging;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the plain Kafka clients the trainer uses, from the service's {@code kafka.*} settings. The trainer drives
 * its consumers by hand (pause, seek, commit when a run ends), which the reactive channels do not offer.
 */
@ApplicationScoped
public class KafkaClients {
    private final Map<String, Object> base;

    @Inject
    public KafkaClients(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.base = Map.copyOf(kafkaConfig);
    }

    /** Settings for tests that build clients without CDI. */
    public static KafkaClients forBootstrapServers(String bootstrapServers) {
        return new KafkaClients(Map.of("bootstrap.servers", bootstrapServers));
    }

    /**
     * The partitions of {@code topic}, waiting while it does not exist yet: asking for its metadata makes the broker
     * create it where auto-creation is on (locally and in tests); elsewhere its KafkaTopic resource creates it.
     *
     * @throws IllegalStateException naming the topic when it has no partitions after {@code timeout}
     */
    public static List<TopicPartition> awaitPartitions(Consumer<?, ?> consumer, String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
            if (partitions != null && !partitions.isEmpty()) {
                return partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition()))
                        .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topic " + topic + " does not exist after " + timeout.toSeconds()
                        + " s; create it (deploy/base/kafka/topics) or enable auto-creation on the broker");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topic " + topic, e);
            }
        }
    }

    /** An admin client; the caller closes it. */
    public Admin admin() {
        return Admin.create(base);
    }

    public KafkaProducer<String, byte[]> producer() {
        Map<String, Object> config = new HashMap<>(base);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** A consumer outside any group: the caller assigns partitions and seeks itself. */
    public KafkaConsumer<String, byte[]> reader(int maxPollRecords) {
        Map<String, Object> config = new HashMap<>(base);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * A consumer that assigns partitions itself (no group membership) but commits its position under
     * {@code groupId}, so others can see how far it has read; it fails a poll whose position was deleted
     * ({@code OffsetOutOfRangeException}) instead of skipping ahead.
     */
    public KafkaConsumer<String, byte[]> committingReader(String groupId, int maxPollRecords) {
        Map<String, Object> config = new HashMap<>(base);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** A consumer in {@code groupId} that commits only when told to. */
    public KafkaConsumer<String, byte[]> groupMember(String groupId, int maxPollRecords) {
        Map<String, Object> config = new HashMap<>(base);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        // Cooperative rebalancing revokes only the partitions that move, so a replica joining the group does not
        // interrupt the runs of the others.
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
