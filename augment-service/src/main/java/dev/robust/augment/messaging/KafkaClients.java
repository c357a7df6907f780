package dev.robust.augment.messaging;

import dev.robust.augment.config.AugmentSettings;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The plain Kafka clients of the service, built from the same {@code kafka.*} settings as its messaging channels.
 * One producer is shared by ingest, pair streaming and dead letters (a Kafka producer is thread-safe and batches
 * best when shared); consumers are created per use because a consumer is not thread-safe.
 */
@ApplicationScoped
public class KafkaClients {
    private final Map<String, Object> brokerConfig;
    private final AugmentSettings.Producer producerSettings;
    private KafkaProducer<String, byte[]> producer;
    private Admin admin;

    @Inject
    public KafkaClients(@Identifier("default-kafka-broker") Map<String, Object> brokerConfig, AugmentSettings settings) {
        this.brokerConfig = Map.copyOf(brokerConfig);
        this.producerSettings = settings.producer();
    }

    /**
     * Idempotent, acks=all, so a retried batch never duplicates or reorders the pairs of an epoch; batches sized
     * for tens of KB records.
     */
    public synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> config = base();
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
            config.put(ProducerConfig.BATCH_SIZE_CONFIG, producerSettings.batchSize());
            config.put(ProducerConfig.LINGER_MS_CONFIG, (int) producerSettings.linger().toMillis());
            config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, producerSettings.compression());
            config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, producerSettings.bufferMemory());
            config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Math.max(1_048_576, producerSettings.batchSize()));
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "augment-service-producer");
            producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /** A consumer without a group: callers assign partitions and track positions themselves. */
    public KafkaConsumer<String, byte[]> unassignedConsumer(String purpose) {
        Map<String, Object> config = base();
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1_048_576);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "augment-service-" + purpose);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    public synchronized Admin admin() {
        if (admin == null) admin = Admin.create(base());
        return admin;
    }

    private Map<String, Object> base() {
        Map<String, Object> config = new HashMap<>();
        // Only connection and security settings carry over; serializers and the like are set per client.
        brokerConfig.forEach((key, value) -> {
            if (key.equals("bootstrap.servers") || key.startsWith("security.") || key.startsWith("sasl.")
                    || key.startsWith("ssl.")) {
                config.put(key, value);
            }
        });
        return config;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) producer.close(Duration.ofSeconds(10));
        if (admin != null) admin.close(Duration.ofSeconds(5));
    }
}
