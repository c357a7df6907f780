package dev.robust.deploy;

import dev.robust.common.checkpoint.CheckpointPartitions;
import dev.robust.common.codec.CleanNoisyPairCodec;
import dev.robust.common.codec.LabeledImageCodec;
import dev.robust.common.corruption.Corruption;
import dev.robust.common.image.CleanNoisyPair;
import dev.robust.common.image.LabeledImage;
import dev.robust.common.image.UInt8Image;
import dev.robust.common.pairs.TrainPairsProtocol;
import dev.robust.common.topic.TopicRetention;
import dev.robust.common.topic.Topics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Strimzi cluster and its topics against the topic list and record codecs in common/. */
class KafkaTopicsTest {
    /** A Kubernetes object name (DNS subdomain): Strimzi takes topic names with "_" only through spec.topicName. */
    private static final Pattern OBJECT_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    /** The largest views the recipe's training pipeline makes (resize to 96×96 before the crop). */
    private static final int LARGEST_VIEW_SIDE = 96;

    static Stream<Overlay> overlays() {
        return Overlay.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyTopicTheCodeUsesAndItsDeadLetterTopicHasAKafkaTopic(Overlay overlay) {
        Map<String, YamlValue> declared = topics(overlay);
        List<String> missing = new ArrayList<>();
        for (String topic : Topics.all()) {
            if (!declared.containsKey(topic)) missing.add(topic);
            if (!declared.containsKey(Topics.dlq(topic))) missing.add(Topics.dlq(topic));
        }
        assertEquals(List.of(), missing, "topics in Topics.all() (or their .dlq) without a KafkaTopic in deploy/");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyKafkaTopicBelongsToTheClusterAndBoundsItsRetentionAndRecordSize(Overlay overlay) {
        YamlValue kafka = overlay.manifests().single("Kafka");
        long minInSync = kafka.at("spec", "kafka", "config", "min.insync.replicas").number();
        long brokerMaxMessage = kafka.at("spec", "kafka", "config", "message.max.bytes").number();
        long brokers = overlay.manifests().ofKind("KafkaNodePool").stream()
                .filter(pool -> pool.at("spec", "roles").list().stream().anyMatch(r -> r.string().equals("broker")))
                .mapToLong(pool -> pool.at("spec", "replicas").number()).sum();
        for (YamlValue topic : topics(overlay).values()) {
            String name = topic.at("metadata", "name").string();
            assertTrue(OBJECT_NAME.matcher(name).matches(), name + " is not a valid Kubernetes object name");
            assertEquals(kafka.at("metadata", "name").string(), topic.at("metadata", "labels", "strimzi.io/cluster").string(),
                    name + ": the Topic Operator only manages topics labelled with its cluster");
            YamlValue spec = topic.at("spec");
            assertTrue(spec.at("partitions").number() >= 1, spec.path());
            long replicas = spec.at("replicas").number();
            assertTrue(replicas >= minInSync && replicas <= brokers, name + ": replicas " + replicas
                    + " must be at least min.insync.replicas (" + minInSync + ") and at most the brokers (" + brokers + ")");
            for (String key : List.of("cleanup.policy", "retention.ms", "retention.bytes", "max.message.bytes")) {
                assertFalse(spec.at("config", key).isMissing(), name + " does not set " + key);
            }
            assertTrue(spec.at("config", "max.message.bytes").number() <= brokerMaxMessage,
                    name + ": max.message.bytes above the brokers' message.max.bytes is never reached");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void checkpointTopicHasAPartitionForEveryEvalReplica(Overlay overlay) {
        long partitions = topics(overlay).get(Topics.MODEL_CHECKPOINTS).at("spec", "partitions").number();
        assertEquals(CheckpointPartitions.DEFAULT_COUNT, partitions,
                "model.checkpoints should have the partitions the eval-service gives it (robust.eval.checkpoint-partitions)");
        long replicas = overlay.manifests().get("Deployment", ServiceModule.EVAL.serviceName()).at("spec", "replicas")
                .number();
        assertTrue(replicas >= 2 && replicas <= partitions, overlay + ": " + replicas
                + " eval-service replicas; the overlays run at least two, at most one per partition (" + partitions + ")");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void dataTopicsKeyedByIndexAndEvaluationsAreCompactedPairsAreDeleted(Overlay overlay) {
        Map<String, YamlValue> topics = topics(overlay);
        List<String> compacted = new ArrayList<>(List.of(Topics.CIFAR10_TRAIN, Topics.CIFAR10_VAL, Topics.CIFAR10_TEST,
                Topics.EVALUATIONS, Topics.EVALUATION_SUMMARIES, Topics.EVALUATION_PREDICTIONS));
        for (Corruption corruption : Corruption.values()) compacted.add(Topics.cifar10c(corruption));
        for (String topic : compacted) {
            assertEquals("compact", topics.get(topic).at("spec", "config", "cleanup.policy").string(), topic);
        }
        assertEquals("delete", topics.get(Topics.TRAIN_PAIRS).at("spec", "config", "cleanup.policy").string(),
                Topics.TRAIN_PAIRS + " is regenerated every epoch and must expire");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void topicsPassTheRetentionChecksTheServicesMakeAtStart(Overlay overlay) {
        Map<String, YamlValue> topics = topics(overlay);
        List<String> data = new ArrayList<>(List.of(Topics.CIFAR10_TRAIN, Topics.CIFAR10_VAL, Topics.CIFAR10_TEST));
        for (Corruption corruption : Corruption.values()) data.add(Topics.cifar10c(corruption));
        for (String topic : data) {
            assertEquals(Optional.empty(), TopicRetention.keepsForever(topic, retention(topics.get(topic))));
        }
        long lead = Long.parseLong(TrainPairsProtocol.DEFAULT_LEAD);
        assertEquals(Optional.empty(), TopicRetention.holds(Topics.TRAIN_PAIRS, retention(topics.get(Topics.TRAIN_PAIRS)),
                lead * TrainPairsProtocol.pairRecordBytes(LARGEST_VIEW_SIDE),
                Duration.parse("PT" + TrainPairsProtocol.DEFAULT_READER_WAIT), "the augment-service's default lead of the largest views",
                "robust.augment.pairs.lead", "robust.augment.pairs.reader-wait"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void imageAndPairTopicsAcceptTheLargestRecordsTheCodecsWrite(Overlay overlay) {
        Map<String, YamlValue> topics = topics(overlay);
        UInt8Image view = UInt8Image.zeros(LARGEST_VIEW_SIDE, LARGEST_VIEW_SIDE, 3);
        int pairBytes = CleanNoisyPairCodec.encode(new CleanNoisyPair(0, 0, view, view)).length;
        int imageBytes = LabeledImageCodec.encode(new LabeledImage(0, 0, view)).length;
        assertTrue(maxMessageBytes(topics, Topics.TRAIN_PAIRS) >= pairBytes,
                Topics.TRAIN_PAIRS + " must take a " + pairBytes + "-byte pair record");
        List<String> imageTopics = new ArrayList<>(List.of(Topics.CIFAR10_TRAIN, Topics.CIFAR10_VAL, Topics.CIFAR10_TEST));
        for (Corruption corruption : Corruption.values()) imageTopics.add(Topics.cifar10c(corruption));
        for (String topic : imageTopics) {
            assertTrue(maxMessageBytes(topics, topic) >= imageBytes, topic + " must take a " + imageBytes + "-byte image");
        }
        for (String topic : Topics.all()) {
            assertTrue(maxMessageBytes(topics, Topics.dlq(topic)) >= maxMessageBytes(topics, topic),
                    Topics.dlq(topic) + " must take any record " + topic + " takes");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void kafkaClusterRunsTheBuildsKafkaVersionInKraftModeOnANodePool(Overlay overlay) {
        YamlValue kafka = overlay.manifests().single("Kafka");
        assertEquals(RepositoryFiles.kafkaVersion(), kafka.at("spec", "kafka", "version").string());
        assertEquals("enabled", kafka.at("metadata", "annotations", "strimzi.io/kraft").string());
        assertEquals("enabled", kafka.at("metadata", "annotations", "strimzi.io/node-pools").string());
        List<YamlValue> pools = overlay.manifests().ofKind("KafkaNodePool");
        assertFalse(pools.isEmpty(), "a KRaft cluster needs a KafkaNodePool");
        List<String> roles = new ArrayList<>();
        for (YamlValue pool : pools) {
            assertEquals(kafka.at("metadata", "name").string(), pool.at("metadata", "labels", "strimzi.io/cluster").string());
            pool.at("spec", "roles").list().forEach(role -> roles.add(role.string()));
        }
        assertTrue(roles.containsAll(List.of("controller", "broker")), "node pools must provide controllers and brokers");
    }

    /** KafkaTopics by the Kafka topic name they manage ({@code spec.topicName}, else the object name). */
    /** The retention settings of a KafkaTopic as the broker would report them. */
    private static Map<String, String> retention(YamlValue topic) {
        YamlValue config = topic.at("spec", "config");
        return Map.of("cleanup.policy", config.at("cleanup.policy").string(),
                "retention.ms", Long.toString(config.at("retention.ms").number()),
                "retention.bytes", Long.toString(config.at("retention.bytes").number()));
    }

    private static Map<String, YamlValue> topics(Overlay overlay) {
        Map<String, YamlValue> topics = new LinkedHashMap<>();
        for (YamlValue topic : overlay.manifests().ofKind("KafkaTopic")) {
            String name = topic.at("spec", "topicName").optionalString().orElse(topic.at("metadata", "name").string());
            YamlValue previous = topics.put(name, topic);
            assertTrue(previous == null, "two KafkaTopics manage " + name);
        }
        return topics;
    }

    private static long maxMessageBytes(Map<String, YamlValue> topics, String topic) {
        YamlValue declared = topics.get(topic);
        assertFalse(declared == null, "no KafkaTopic for " + topic);
        return declared.at("spec", "config", "max.message.bytes").number();
    }
}
