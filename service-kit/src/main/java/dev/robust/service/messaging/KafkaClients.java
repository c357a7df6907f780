package dev.robust.service.messaging;

import io.quarkus.arc.DefaultBean;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.RoundRobinAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The plain Kafka clients of a service, built from the same {@code kafka.*} settings Quarkus gives its own Kafka
 * connectors, so one place configures the broker address, security and timeouts (e.g. {@code kafka.session.timeout.ms})
 * for all of them; what each client needs beyond that (serializers, groups, commits) is set here per client. The services drive their
 * consumers by hand (assign, seek, commit when a run ends), which the reactive channels do not offer.
 *
 * <p>One idempotent producer and one admin client are shared by the whole service (both are thread-safe, and a
 * producer batches best when shared) and closed with it: callers never close them. Consumers are made per use,
 * because a consumer is not thread-safe; the caller closes those. Keys are read as text ({@link #TEXT_KEYS}) or as
 * bytes ({@link #BYTE_KEYS}); values always as bytes.
 */
@ApplicationScoped
public class KafkaClients implements AutoCloseable {
    public static final Deserializer<String> TEXT_KEYS = new StringDeserializer();
    public static final Deserializer<byte[]> BYTE_KEYS = new ByteArrayDeserializer();
    /** How long one metadata request of {@link #awaitPartitions} may take before it is asked again. */
    private static final Duration METADATA_WAIT = Duration.ofSeconds(5);
    private static final Duration TOPIC_POLL = Duration.ofMillis(200);

    private final Map<String, Object> base;
    private final String clientName;
    private final Map<String, Object> producerTuning;
    private KafkaProducer<String, byte[]> producer;
    private Admin admin;

    @Inject
    KafkaClients(@Identifier("default-kafka-broker") Map<String, Object> brokerConfig,
                 @ConfigProperty(name = "quarkus.application.name") String service, ProducerTuning tuning) {
        this(brokerConfig, service, tuning.config());
    }

    private KafkaClients(Map<String, Object> brokerConfig, String clientName, Map<String, Object> producerTuning) {
        this.base = Map.copyOf(brokerConfig);
        this.clientName = clientName;
        this.producerTuning = Map.copyOf(producerTuning);
    }

    /** Clients of the broker at {@code bootstrapServers} with Kafka's defaults otherwise, built without CDI. */
    public static KafkaClients forBootstrapServers(String bootstrapServers) {
        return new KafkaClients(Map.of("bootstrap.servers", bootstrapServers), "robust", Map.of());
    }

    /** The producer tuning of a service that produces none of its own. */
    @Produces
    @DefaultBean
    @Singleton
    static ProducerTuning noTuning() {
        return new ProducerTuning(Map.of());
    }

    /** The broker address the clients connect to, as configured. */
    public String bootstrapServers() {
        return String.valueOf(base.get("bootstrap.servers"));
    }

    /**
     * The service's one producer: idempotent and {@code acks=all}, so a retried batch never duplicates or reorders
     * records, tuned by the service's {@link ProducerTuning} where it has one.
     */
    public synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> config = new HashMap<>(base);
            config.putAll(producerTuning);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.CLIENT_ID_CONFIG, clientName + "-producer");
            producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /** The service's one admin client. */
    public synchronized Admin admin() {
        if (admin == null) admin = Admin.create(base);
        return admin;
    }

    /**
     * A consumer outside any group: the caller assigns partitions and seeks itself. Asking for a topic that does not
     * exist creates it where the broker auto-creates topics, unless {@code createsTopics} is false (a reader that
     * must see a missing topic as missing).
     */
    public <K> KafkaConsumer<K, byte[]> reader(Deserializer<K> keys, int maxPollRecords, boolean createsTopics) {
        Map<String, Object> config = manual(maxPollRecords);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, createsTopics);
        return new KafkaConsumer<>(config, keys, new ByteArrayDeserializer());
    }

    /**
     * A consumer that assigns partitions itself (no group membership) but commits its position under
     * {@code groupId}, so others can see how far it has read; it fails a poll whose position was deleted
     * ({@code OffsetOutOfRangeException}) instead of skipping ahead.
     */
    public <K> KafkaConsumer<K, byte[]> committingReader(Deserializer<K> keys, String groupId, int maxPollRecords) {
        Map<String, Object> config = manual(maxPollRecords);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        return new KafkaConsumer<>(config, keys, new ByteArrayDeserializer());
    }

    /** How the members of a group split its partitions. */
    public enum Assignment {
        /** Kafka's default: range assignment, eager rebalancing (every rebalance revokes every partition). */
        EAGER_RANGE(null),
        /**
         * Cooperative sticky: a rebalance revokes only the partitions that move, so a replica joining the group does
         * not interrupt the work of the others.
         */
        COOPERATIVE_STICKY(CooperativeStickyAssignor.class),
        /** Round robin (eager): consecutive partitions go to different members. */
        ROUND_ROBIN(RoundRobinAssignor.class);

        private final Class<?> assignor;

        Assignment(Class<?> assignor) {
            this.assignor = assignor;
        }
    }

    /** A consumer in {@code groupId} that commits only when told to; a new group starts at the beginning. */
    public <K> KafkaConsumer<K, byte[]> groupMember(Deserializer<K> keys, String groupId, int maxPollRecords,
                                                    Assignment assignment) {
        Map<String, Object> config = manual(maxPollRecords);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        if (assignment.assignor != null) {
            config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, assignment.assignor.getName());
        }
        return new KafkaConsumer<>(config, keys, new ByteArrayDeserializer());
    }

    /**
     * The partitions of {@code topic}, in partition order, waiting while the topic does not exist yet (it is created
     * by its writer, or by the metadata request itself where the broker auto-creates topics).
     *
     * @throws IllegalStateException naming the topic when it has no partitions after {@code timeout}
     */
    public static List<TopicPartition> awaitPartitions(Consumer<?, ?> consumer, String topic, Duration timeout) {
        return awaitPartitions(consumer, topic, timeout, () -> true);
    }

    /**
     * The partitions of {@code topic}, waiting for as long as {@code waiting} holds: for a reader that may start
     * before the topic's writer.
     *
     * @throws WakeupException when {@code waiting} turns false or the consumer is woken up
     */
    public static List<TopicPartition> awaitPartitions(Consumer<?, ?> consumer, String topic, BooleanSupplier waiting) {
        return awaitPartitions(consumer, topic, ChronoUnit.FOREVER.getDuration(), waiting);
    }

    private static List<TopicPartition> awaitPartitions(Consumer<?, ?> consumer, String topic, Duration timeout,
                                                         BooleanSupplier waiting) {
        long start = System.nanoTime();
        while (waiting.getAsBoolean()) {
            try {
                List<PartitionInfo> partitions = consumer.partitionsFor(topic, METADATA_WAIT);
                if (partitions != null && !partitions.isEmpty()) {
                    return partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition()))
                            .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
                }
            } catch (TimeoutException e) {
                // The broker did not answer in time: ask again until the caller's own deadline.
            }
            if (Duration.ofNanos(System.nanoTime() - start).compareTo(timeout) > 0) {
                throw new IllegalStateException("topic " + topic + " does not exist after " + timeout.toSeconds()
                        + " s; create it (deploy/base/kafka/topics) or enable auto-creation on the broker");
            }
            try {
                Thread.sleep(TOPIC_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topic " + topic, e);
            }
        }
        throw new WakeupException();
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        if (producer != null) producer.close(Duration.ofSeconds(10));
        if (admin != null) admin.close(Duration.ofSeconds(5));
        producer = null;
        admin = null;
    }

    private Map<String, Object> manual(int maxPollRecords) {
        Map<String, Object> config = new HashMap<>(base);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        // Records of tens of KB (pairs, images): fetch a useful number of them per request.
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1_048_576);
        return config;
    }
}
