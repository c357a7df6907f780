package dev.robust.trainer.training;

import dev.robust.common.codec.LabeledImageCodec;
import dev.robust.common.dataset.Split;
import dev.robust.common.dataset.SyntheticSource;
import dev.robust.common.event.RecordKeys;
import dev.robust.common.image.LabeledImage;
import dev.robust.common.topic.Topics;
import dev.robust.kafka.embedded.testing.EmbeddedKafkaTestResource;
import dev.robust.service.messaging.KafkaClients;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs end quickly when they cannot go on: on a broker of its own (no data set ingested), a run fails within
 * seconds saying what is missing, and a cancelled run waiting for its images frees the trainer for the next one.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedKafkaTestResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailFastTest {
    /** The stand-still limit (10 s) plus the wait for the topic and the dispatch, with slack for a slow machine. */
    private static final Duration FAIL_WITHIN = Duration.ofSeconds(45);

    @Inject
    KafkaClients kafka;

    @Test
    @Order(1)
    void aRunWithoutValidationImagesFailsWithinSecondsSayingWhatIsMissing() throws InterruptedException {
        long start = System.nanoTime();
        String runId = request(Map.of("profile", "ci"));
        assertEquals("FAILED", RunPolling.awaitEnd(runId));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(FAIL_WITHIN) < 0, "failed only after " + took);
        given().get("/runs/" + runId).then()
                .body("reason", containsString(Topics.CIFAR10_VAL))
                .body("reason", containsString("ingest a data set"));
    }

    @Test
    @Order(2)
    void aCancelledRunWaitingForImagesFreesTheTrainerAtOnce() throws InterruptedException {
        SyntheticSource data = new SyntheticSource(5, 10, 200);
        AtomicInteger sent = new AtomicInteger();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        // The service's own producer, shared: not closed here.
        KafkaProducer<String, byte[]> producer = kafka.producer();
        try {
            // One validation image every 300 ms: the topic keeps growing, so a ci run (128 images) keeps waiting.
            trickle.scheduleAtFixedRate(() -> {
                int index = sent.getAndIncrement();
                if (index >= data.size(Split.TEST)) return;
                LabeledImage image = data.image(Split.TEST, index);
                producer.send(new ProducerRecord<>(Topics.CIFAR10_VAL, RecordKeys.datasetImage(image.index()),
                        LabeledImageCodec.encode(image)));
                producer.flush();
            }, 0, 300, TimeUnit.MILLISECONDS);
            String waiting = request(Map.of("profile", "ci"));
            Thread.sleep(3_000);
            given().delete("/runs/" + waiting).then().statusCode(202);

            long cancelled = System.nanoTime();
            String next = request(Map.of("profile", "ci", "overrides", Map.of("data.val-examples", 1)));
            awaitStatus(next, "RUNNING", Duration.ofSeconds(20));
            assertTrue(sent.get() < 128, "the cancelled run's images were all there before the next run started: "
                    + "the test proves nothing; sent " + sent.get());
            System.out.printf("next run RUNNING %.1f s after the cancel%n", (System.nanoTime() - cancelled) / 1e9);
            given().delete("/runs/" + next).then().statusCode(202);
        } finally {
            trickle.shutdownNow();
            trickle.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static String request(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/runs")
                .then().statusCode(202).extract().path("runId");
    }

    private static void awaitStatus(String runId, String status, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (status.equals(given().get("/runs/" + runId).then().extract().path("status"))) return;
            Thread.sleep(200);
        }
        throw new AssertionError("run " + runId + " not " + status + " within " + within + ": "
                + given().get("/runs/" + runId).asString());
    }
}
