package dev.robust.augment.pairs;

import dev.robust.augment.SyntheticDataset;
import dev.robust.augment.TestKafka;
import dev.robust.common.codec.CleanNoisyPairCodec;
import dev.robust.common.event.AugmentationConfig;
import dev.robust.common.image.RandAugmentGeometry;
import dev.robust.common.event.CloudEventHeaders;
import dev.robust.common.event.EpochRequested;
import dev.robust.common.event.EventCodec;
import dev.robust.common.event.EventType;
import dev.robust.common.event.ModelRole;
import dev.robust.common.event.RunFailed;
import dev.robust.common.pairs.TrainPairsProtocol;
import dev.robust.common.topic.Topics;
import dev.robust.kafka.embedded.testing.EmbeddedKafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance test of flow control: three epochs of 49,500 pairs each, every epoch several times what
 * {@code train.pairs} may keep (retention.bytes 4 MiB, 1 MiB segments, retention checked every second), all
 * requested at once (look-ahead 2), read by a reader that is slow on purpose and follows the protocol (commits its
 * position under {@link TrainPairsProtocol#readerGroup}; a deleted position fails its poll). Every epoch arrives whole.
 * 8×8 views keep it short; a pair is ~400 bytes, an epoch ~20 MB.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedKafkaTestResource.class)
@TestProfile(FlowControlTest.SmallLead.class)
class FlowControlTest {
    private static final int EPOCH = 49_500;
    private static final int EPOCHS = 3;
    private static final long RETENTION_BYTES = 4L << 20;
    private static final long LEAD = 2_048;
    private static final AugmentationConfig TINY = new AugmentationConfig(8, 8, true, 2, 9, RandAugmentGeometry.RELATIVE);

    public static class SmallLead implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("robust.augment.pairs.lead", Long.toString(LEAD));
        }
    }

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @BeforeEach
    void shrinkThePairsRetention() throws Exception {
        new TestKafka(kafkaConfig).awaitAssigned("augment-service", Duration.ofSeconds(60));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafkaConfig.get("bootstrap.servers")))) {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, Topics.TRAIN_PAIRS),
                    List.of(set(TopicConfig.RETENTION_BYTES_CONFIG, RETENTION_BYTES),
                            set(TopicConfig.SEGMENT_BYTES_CONFIG, 1L << 20)))).all().get();
        }
    }

    @Test
    void aRunWhoseLeadOfPairsTheRetentionCannotHoldFailsNamingTheNumbersAndSettings() throws Exception {
        TestKafka kafka = new TestKafka(kafkaConfig);
        var event = EventCodec.encode(new EpochRequested("too-big", ModelRole.TEACHER, 0, 7, 100,
                new AugmentationConfig(36, 32, true, 2, 9, RandAugmentGeometry.RELATIVE), 2), "/test");
        kafka.send(event.topic(), event.key(), event.value(), event.headers());

        List<ConsumerRecord<String, byte[]>> failed = kafka.readUntil(Topics.RUNS, records -> records.stream()
                .anyMatch(FlowControlTest::isRunFailed), Duration.ofSeconds(60)).stream()
                .filter(FlowControlTest::isRunFailed).toList();

        assertEquals(1, failed.size());
        RunFailed failure = (RunFailed) EventCodec.decode(headers(failed.get(0)), failed.get(0).value());
        assertEquals("too-big", failure.runId());
        long needed = LEAD * TrainPairsProtocol.pairRecordBytes(32);
        assertTrue(failure.reason().contains(String.format("train.pairs keeps %,d bytes per partition "
                + "(retention.bytes), but %,d pairs of 32x32 views", RETENTION_BYTES, LEAD)), failure.reason());
        assertTrue(failure.reason().contains(String.format("need %,d: raise retention.bytes of train.pairs or lower "
                + "robust.augment.pairs.lead", needed)), failure.reason());
    }

    @Test
    void threeEpochsFarLargerThanRetentionArriveWholeAtASlowReader() throws Exception {
        String bootstrap = String.valueOf(kafkaConfig.get("bootstrap.servers"));
        ingestTrainingImages();
        String run = "flow";
        try (KafkaConsumer<String, byte[]> reader = reader(bootstrap, run)) {
            int partitions = reader.partitionsFor(Topics.TRAIN_PAIRS).size();
            TopicPartition partition = new TopicPartition(Topics.TRAIN_PAIRS,
                    TrainPairsProtocol.partitionFor(run, partitions));
            reader.assign(List.of(partition));
            long start = reader.endOffsets(List.of(partition)).get(partition);
            reader.seek(partition, start);
            reader.commitSync(Map.of(partition, new OffsetAndMetadata(start)));
            TestKafka kafka = new TestKafka(kafkaConfig);
            for (int epoch = 0; epoch < EPOCHS; epoch++) {
                var event = EventCodec.encode(new EpochRequested(run, ModelRole.TEACHER, epoch, 7, EPOCH, TINY, 2),
                        "/test");
                kafka.send(event.topic(), event.key(), event.value(), event.headers());
            }

            BitSet[] seen = new BitSet[EPOCHS];
            long[] markers = new long[EPOCHS];
            int ended = 0;
            long pairBytes = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            while (ended < EPOCHS) {
                assertTrue(System.nanoTime() < deadline, "epochs did not arrive within 4 min: " + ended + " ended");
                // A deleted position throws OffsetOutOfRangeException here (auto.offset.reset=none): the test fails.
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    int epoch = Integer.parseInt(header(record, TrainPairsProtocol.HEADER_EPOCH));
                    if (seen[epoch] == null) seen[epoch] = new BitSet();
                    if (TrainPairsProtocol.RECORD_TYPE_END_OF_EPOCH.equals(header(record,
                            TrainPairsProtocol.HEADER_RECORD_TYPE))) {
                        markers[epoch] = TrainPairsProtocol.decodePairCount(record.value());
                        ended++;
                    } else {
                        String key = record.key();
                        seen[epoch].set(Integer.parseInt(key.substring(key.lastIndexOf('/') + 1)));
                        pairBytes = Math.max(pairBytes, record.serializedValueSize());
                        assertEquals(8, CleanNoisyPairCodec.decode(record.value()).clean().height());
                    }
                }
                reader.commitSync(Map.of(partition, new OffsetAndMetadata(reader.position(partition))));
                Thread.sleep(60); // the trainer is slower than rendering
            }
            for (int epoch = 0; epoch < EPOCHS; epoch++) {
                assertEquals(EPOCH, markers[epoch], "marker of epoch " + epoch);
                assertEquals(EPOCH, seen[epoch].cardinality(), "pairs of epoch " + epoch + " that arrived");
            }
            assertTrue(EPOCH * pairBytes > 4 * RETENTION_BYTES,
                    "an epoch (" + EPOCH * pairBytes + " bytes) must be several times the retention");
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                long logStart = admin.listOffsets(Map.of(partition,
                        org.apache.kafka.clients.admin.OffsetSpec.earliest())).partitionResult(partition).get().offset();
                assertTrue(logStart > start, "retention must have deleted read segments (log start " + logStart
                        + ", stream began at " + start + ")");
            }
        }
    }

    private static void ingestTrainingImages() throws InterruptedException {
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("spec", "synthetic:" + (EPOCH + 500), "validationSize", 500))
                .post("/datasets").then().statusCode(202).extract().path("id");
        SyntheticDataset.awaitJob("/datasets/jobs/" + id, Duration.ofMinutes(3));
    }

    private static KafkaConsumer<String, byte[]> reader(String bootstrap, String run) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, TrainPairsProtocol.readerGroup(run),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static boolean isRunFailed(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
        return "too-big".equals(record.key()) && type != null
                && EventType.RUN_FAILED.ceType().equals(new String(type.value(), StandardCharsets.UTF_8));
    }

    private static Map<String, byte[]> headers(ConsumerRecord<String, byte[]> record) {
        Map<String, byte[]> headers = new HashMap<>();
        for (Header header : record.headers()) headers.put(header.key(), header.value());
        return headers;
    }

    private static AlterConfigOp set(String name, long value) {
        return new AlterConfigOp(new ConfigEntry(name, Long.toString(value)), AlterConfigOp.OpType.SET);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
