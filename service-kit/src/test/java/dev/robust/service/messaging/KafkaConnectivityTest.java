package dev.robust.service.messaging;

import dev.robust.common.topic.DeadLetterHeaders;
import dev.robust.common.topic.DeadLetterRecords;
import dev.robust.common.topic.RecordHeaders;
import dev.robust.kafka.embedded.testing.EmbeddedKafkaTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kit's Kafka side against a real broker: the clients, the dead-letter publisher, readiness and /info. */
@QuarkusTest
@QuarkusTestResource(EmbeddedKafkaTestResource.class)
class KafkaConnectivityTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The Kafka client settings of the service (kafka.* properties). */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    KafkaClients kafka;

    @Inject
    DeadLetterPublisher deadLetters;

    @Inject
    MeterRegistry registry;

    @Test
    void producesAndReadsBackThroughTheBrokerItIsConfiguredWith() {
        EventPublisher.sendAwaited(kafka.producer(), new ProducerRecord<>("kit.probe", "ping", utf8("pong")));

        List<ConsumerRecord<String, byte[]>> read = readAll(KafkaClients.TEXT_KEYS, "kit.probe", 1);
        assertEquals("ping", read.get(0).key());
        assertEquals("pong", new String(read.get(0).value(), StandardCharsets.UTF_8));
    }

    @Test
    void aRejectedRecordLandsOnItsDeadLetterTopicWithWhereAndWhyAndIsCounted() {
        ConsumerRecord<byte[], byte[]> rejected = new ConsumerRecord<>("kit.data", 0, 41L, utf8("k7"), utf8("junk"));
        rejected.headers().add("origin", utf8("kept"));
        double before = registry.counter(DeadLetterRecords.COUNTER, "topic", "kit.data").count();

        deadLetters.reject(rejected, new IllegalArgumentException("bad magic"));

        ConsumerRecord<String, byte[]> letter = readAll(KafkaClients.TEXT_KEYS, "kit.data.dlq", 1).get(0);
        assertEquals("k7", letter.key(), "a byte key is kept as its text");
        assertArrayEquals(utf8("junk"), letter.value());
        assertEquals("kept", RecordHeaders.text(letter.headers(), "origin"));
        assertEquals("bad magic", RecordHeaders.text(letter.headers(), DeadLetterHeaders.REASON));
        assertEquals("41", RecordHeaders.text(letter.headers(), DeadLetterHeaders.ORIGINAL_OFFSET));
        assertEquals("service-kit", RecordHeaders.text(letter.headers(), DeadLetterHeaders.CONSUMER));
        assertEquals(before + 1, registry.counter(DeadLetterRecords.COUNTER, "topic", "kit.data").count());
    }

    @Test
    void aReaderThatCreatesNoTopicsSeesAMissingTopicAsMissing() {
        try (KafkaConsumer<byte[], byte[]> reader = kafka.reader(KafkaClients.BYTE_KEYS, 10, false)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> KafkaClients.awaitPartitions(reader, "kit.never.written", Duration.ofSeconds(1)));
            assertTrue(e.getMessage().contains("kit.never.written"), e.getMessage());
        }
    }

    @Test
    void readinessIncludesKafkaConnectivity() {
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Kafka connection health check"));
    }

    @Test
    void infoNamesTheServiceAndItsBroker() {
        given().get("/info")
                .then().statusCode(200)
                .body("service", equalTo("service-kit"))
                .body("kafkaBootstrapServers", equalTo(kafkaConfig.get("bootstrap.servers")));
    }

    private <K> List<ConsumerRecord<K, byte[]>> readAll(Deserializer<K> keys, String topic, int count) {
        List<ConsumerRecord<K, byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<K, byte[]> reader = kafka.reader(keys, 100, true)) {
            List<TopicPartition> partitions = KafkaClients.awaitPartitions(reader, topic, WAIT);
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (read.size() < count && System.nanoTime() < deadline) {
                reader.poll(Duration.ofMillis(200)).forEach(read::add);
            }
        }
        assertEquals(count, read.size(), "records on " + topic);
        return read;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
