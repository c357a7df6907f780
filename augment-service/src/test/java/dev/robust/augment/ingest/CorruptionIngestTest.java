package dev.robust.augment.ingest;

import dev.robust.augment.SyntheticDataset;
import dev.robust.augment.TestKafka;
import dev.robust.common.codec.LabeledImageCodec;
import dev.robust.common.corruption.Corruption;
import dev.robust.common.dataset.NpyWriter;
import dev.robust.common.image.LabeledImage;
import dev.robust.common.topic.Topics;
import dev.robust.kafka.embedded.testing.EmbeddedKafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(EmbeddedKafkaTestResource.class)
class CorruptionIngestTest {
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @ConfigProperty(name = "robust.augment.data-root")
    String dataRoot;

    @Test
    void generatesChosenCorruptionsFromTheTestTopic() throws Exception {
        SyntheticDataset.ingest();
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("corruptions", List.of("fog", "gaussian_noise"), "severities", List.of(1, 5),
                        "limitPerSeverity", 20))
                .post("/corruptions").then().statusCode(202).extract().path("id");
        SyntheticDataset.awaitJob("/corruptions/jobs/" + id, Duration.ofMinutes(2));

        Map<Long, LabeledImage> test = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : new TestKafka(kafkaConfig).readAll(Topics.CIFAR10_TEST)) {
            LabeledImage image = LabeledImageCodec.decode(record.value());
            test.put(image.index(), image);
        }
        List<ConsumerRecord<String, byte[]>> fog = new TestKafka(kafkaConfig).readAll(Topics.cifar10c(Corruption.FOG));
        assertEquals(40, fog.size());
        for (ConsumerRecord<String, byte[]> record : fog) {
            LabeledImage image = LabeledImageCodec.decode(record.value());
            assertTrue(image.index() < 20, "limitPerSeverity keeps the first 20 test images");
            assertTrue(record.key().equals("1/" + image.index()) || record.key().equals("5/" + image.index()));
            assertEquals(test.get(image.index()).label(), image.label());
            assertFalse(Arrays.equals(test.get(image.index()).image().data(), image.image().data()),
                    "fog changes the image");
        }
        given().get("/corruptions").then().statusCode(200)
                .body("topics.find { it.corruption == 'gaussian_noise' }.bySeverity.'1'", equalTo(20))
                .body("topics.find { it.corruption == 'gaussian_noise' }.bySeverity.'5'", equalTo(20))
                .body("topics.find { it.corruption == 'gaussian_noise' }.datasets", equalTo(List.of("synthetic")));
    }

    @Test
    void ingestsAReleasedDirectoryUnderTheDataRoot() throws Exception {
        Path directory = Path.of(dataRoot).resolve("released-c");
        Files.createDirectories(directory);
        int rows = 5 * 4;
        byte[] labels = new byte[rows];
        byte[] pixels = new byte[rows * 3072];
        for (int row = 0; row < rows; row++) {
            labels[row] = (byte) (row % 10);
            Arrays.fill(pixels, row * 3072, (row + 1) * 3072, (byte) (10 * row));
        }
        NpyWriter.write(directory.resolve("labels.npy"), labels, rows);
        NpyWriter.write(directory.resolve("pixelate.npy"), pixels, rows, 32, 32, 3);

        String id = given().contentType(ContentType.JSON)
                .body(Map.of("directory", "released-c", "corruptions", List.of("pixelate")))
                .post("/corruptions").then().statusCode(202).extract().path("id");
        JsonPath status = SyntheticDataset.awaitJob("/corruptions/jobs/" + id, Duration.ofMinutes(1));

        assertEquals(4, status.getInt("readBack[0].bySeverity.'3'"));
        List<ConsumerRecord<String, byte[]>> records =
                new TestKafka(kafkaConfig).readAll(Topics.cifar10c(Corruption.PIXELATE));
        assertEquals(rows, records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            int severity = Integer.parseInt(record.key().substring(0, 1));
            LabeledImage image = LabeledImageCodec.decode(record.value());
            int row = (severity - 1) * 4 + (int) image.index();
            assertEquals(row % 10, image.label());
            byte[] expected = new byte[3072];
            Arrays.fill(expected, (byte) (10 * row));
            assertArrayEquals(expected, image.image().data(), "row " + row);
        }
    }
}
