package dev.robust.eval.messaging;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.RoundRobinAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Plain Kafka clients built from the service's {@code kafka.*} settings (the same map Quarkus gives its own Kafka
 * connectors), so one place configures the broker address, security and timeouts for all of them.
 */
@ApplicationScoped
public class KafkaClients {
    private final Map<String, Object> kafkaConfig;

    @Inject
    KafkaClients(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.kafkaConfig = Map.copyOf(kafkaConfig);
    }

    /** Clients of the broker at {@code bootstrapServers} with Kafka's defaults otherwise, built without CDI. */
    public static KafkaClients forBootstrapServers(String bootstrapServers) {
        return new KafkaClients(Map.of("bootstrap.servers", bootstrapServers));
    }

    /** One idempotent producer for every event and dead letter this service publishes. */
    @Produces
    @Singleton
    KafkaProducer<String, byte[]> producer() {
        Map<String, Object> config = base();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    void close(@Disposes KafkaProducer<String, byte[]> producer) {
        producer.close();
    }

    /**
     * A consumer in {@code group} that commits only when told to. Round-robin assignment deals consecutive
     * partitions to different members, as {@code CheckpointPartitions} expects of the scoring replicas.
     */
    public KafkaConsumer<byte[], byte[]> groupConsumer(String group, int maxPollRecords) {
        Map<String, Object> config = base();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RoundRobinAssignor.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        return consumer(config);
    }

    /**
     * A consumer outside any group, for assigned reads (sweeps, live feeds). It never creates topics by asking for
     * them, so a missing corruption topic stays missing and is reported as such.
     */
    public KafkaConsumer<byte[], byte[]> assignedConsumer() {
        Map<String, Object> config = base();
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        return consumer(config);
    }

    /**
     * The partitions of {@code topic} for an assigned read, waiting (polling every {@code poll}) while the topic does
     * not exist yet and {@code waiting} holds: the service creates its output topics at start-up, and a reader may
     * start first. Ends with {@link WakeupException} when {@code waiting} turns false or the thread is interrupted.
     */
    public static List<TopicPartition> awaitPartitions(Consumer<?, ?> consumer, String topic, Duration poll,
                                                       BooleanSupplier waiting) {
        while (waiting.getAsBoolean()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WakeupException();
            }
        }
        throw new WakeupException();
    }

    public Admin admin() {
        return Admin.create(base());
    }

    private KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private Map<String, Object> base() {
        return new HashMap<>(kafkaConfig);
    }
}
