package dev.robust.trainer.training;

import dev.robust.common.codec.LabeledImageCodec;
import dev.robust.common.event.RecordKeys;
import dev.robust.common.image.LabeledImage;
import dev.robust.common.image.UInt8Image;
import dev.robust.common.topic.DeadLetterHeaders;
import dev.robust.common.topic.Topics;
import dev.robust.kafka.embedded.testing.TestKitBroker;
import dev.robust.service.messaging.DeadLetterPublisher;
import dev.robust.service.messaging.KafkaClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A bad record on {@code cifar10.val} is dead-lettered; the run validates on the good ones (no Quarkus needed). */
class ValidationSetDeadLetterTest {

    @Test
    void malformedValidationRecordsGoToTheDeadLetterTopicAndTheRestAreUsed() throws Exception {
        try (TestKitBroker broker = TestKitBroker.start();
             KafkaClients kafka = KafkaClients.forBootstrapServers(broker.bootstrapServers())) {
            byte[] good = LabeledImageCodec.encode(new LabeledImage(7, 3, UInt8Image.zeros(32, 32, 3)));
            KafkaProducer<String, byte[]> producer = kafka.producer();
            producer.send(new ProducerRecord<>(Topics.CIFAR10_VAL, RecordKeys.datasetImage(1),
                    "not an image".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(Topics.CIFAR10_VAL, RecordKeys.datasetImage(2),
                    Arrays.copyOf(good, good.length / 2))).get();
            producer.send(new ProducerRecord<>(Topics.CIFAR10_VAL, RecordKeys.datasetImage(7), good)).get();
            DeadLetterPublisher deadLetters = new DeadLetterPublisher(producer, new SimpleMeterRegistry(),
                    "trainer-service");

            ValidationSet validation = ValidationSet.read(kafka, deadLetters, 3, 32, Duration.ofSeconds(2), () -> { });

            assertEquals(1, validation.imageCount());
            List<ConsumerRecord<String, byte[]>> letters = deadLetters(kafka, Topics.dlq(Topics.CIFAR10_VAL), 2);
            assertEquals(List.of("1", "2"), letters.stream().map(ConsumerRecord::key).toList());
            for (ConsumerRecord<String, byte[]> letter : letters) {
                assertEquals("trainer-service", new String(
                        letter.headers().lastHeader(DeadLetterHeaders.CONSUMER).value(), StandardCharsets.UTF_8));
                assertEquals(Topics.CIFAR10_VAL, new String(
                        letter.headers().lastHeader(DeadLetterHeaders.ORIGINAL_TOPIC).value(), StandardCharsets.UTF_8));
            }
        }
    }

    private static List<ConsumerRecord<String, byte[]>> deadLetters(KafkaClients kafka, String topic, int expected) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = kafka.reader(KafkaClients.TEXT_KEYS, 100, true)) {
            List<TopicPartition> partitions = KafkaClients.awaitPartitions(consumer, topic, Duration.ofSeconds(10));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
