package dev.robust.augment.ingest;

import dev.robust.augment.SyntheticDataset;
import dev.robust.augment.TestKafka;
import dev.robust.common.codec.LabeledImageCodec;
import dev.robust.common.dataset.SyntheticSource;
import dev.robust.common.dataset.Split;
import dev.robust.common.image.LabeledImage;
import dev.robust.common.topic.Topics;
import dev.robust.kafka.embedded.testing.EmbeddedKafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(EmbeddedKafkaTestResource.class)
class DatasetIngestTest {
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Test
    void syntheticThousandLandsInTrainValAndTestWithExactCountsAndLabels() throws Exception {
        JsonPath status = SyntheticDataset.ingest();
        TestKafka kafka = new TestKafka(kafkaConfig);
        SyntheticSource source = SyntheticSource.ofTrainSize(SyntheticDataset.TRAIN_SIZE);
        Map<Long, LabeledImage> expectedTrain = byIndex(source.readAll(Split.TRAIN));
        Map<Long, LabeledImage> expectedTest = byIndex(source.readAll(Split.TEST));

        List<ConsumerRecord<String, byte[]>> train = kafka.readTable(Topics.CIFAR10_TRAIN);
        List<ConsumerRecord<String, byte[]>> val = kafka.readTable(Topics.CIFAR10_VAL);
        List<ConsumerRecord<String, byte[]>> test = kafka.readTable(Topics.CIFAR10_TEST);
        assertEquals(SyntheticDataset.TRAIN_SIZE - SyntheticDataset.VALIDATION_SIZE, train.size());
        assertEquals(SyntheticDataset.VALIDATION_SIZE, val.size());
        assertEquals(expectedTest.size(), test.size());

        Set<Long> trainKeys = assertMatchesSource(train, expectedTrain);
        Set<Long> valKeys = assertMatchesSource(val, expectedTrain);
        assertMatchesSource(test, expectedTest);
        Set<Long> union = new HashSet<>(trainKeys);
        union.addAll(valKeys);
        assertEquals(expectedTrain.keySet(), union, "train and val together are the training split, without overlap");

        assertEquals(900, status.getInt("readBack.'cifar10.train'.records"));
        assertEquals(100, status.getInt("readBack.'cifar10.val'.records"));
        assertEquals(List.of("synthetic"), status.getList("readBack.'cifar10.train'.datasets"));
    }

    @Test
    void reingestingTheSameDataWritesNothingNew() throws Exception {
        SyntheticDataset.ingest();
        TestKafka kafka = new TestKafka(kafkaConfig);
        int before = kafka.readAll(Topics.CIFAR10_TRAIN).size() + kafka.readAll(Topics.CIFAR10_TEST).size();

        JsonPath again = SyntheticDataset.ingest();

        assertTrue(again.getString("topics.'cifar10.train'.skipped").contains("already holds"), again.prettify());
        assertTrue(again.getString("topics.'cifar10.test'.skipped").contains("already holds"), again.prettify());
        assertEquals(before, kafka.readAll(Topics.CIFAR10_TRAIN).size() + kafka.readAll(Topics.CIFAR10_TEST).size());
        given().get("/datasets").then().statusCode(200)
                .body("topics.'cifar10.train'.records", equalTo(900))
                .body("topics.'cifar10.test'.records", equalTo(200));
    }

    /** Every record decodes, its key is its index, its label and pixels are the source's, and it says synthetic. */
    private static Set<Long> assertMatchesSource(List<ConsumerRecord<String, byte[]>> records,
                                                 Map<Long, LabeledImage> source) {
        Set<Long> keys = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            LabeledImage image = LabeledImageCodec.decode(record.value());
            assertEquals(Long.toString(image.index()), record.key());
            LabeledImage expected = source.get(image.index());
            assertEquals(expected.label(), image.label(), "label of image " + image.index());
            assertArrayEquals(expected.image().data(), image.image().data(), "pixels of image " + image.index());
            assertEquals("synthetic", new String(record.headers().lastHeader(Topics.HEADER_DATASET).value(),
                    StandardCharsets.UTF_8));
            assertTrue(keys.add(image.index()), "image " + image.index() + " appears twice");
        }
        return keys;
    }

    private static Map<Long, LabeledImage> byIndex(List<LabeledImage> images) {
        Map<Long, LabeledImage> map = new HashMap<>();
        images.forEach(image -> map.put(image.index(), image));
        return map;
    }
}
