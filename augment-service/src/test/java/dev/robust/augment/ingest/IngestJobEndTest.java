package dev.robust.augment.ingest;

import dev.robust.common.dataset.DatasetSpec;
import dev.robust.kafka.embedded.testing.EmbeddedKafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Every ingest job ends, and says how: too big up front, failed with an Error, cancelled. */
@QuarkusTest
@QuarkusTestResource(EmbeddedKafkaTestResource.class)
class IngestJobEndTest {
    @Inject
    IngestJobs jobs;

    @Test
    void aSyntheticSetTooBigForMemoryIsRefusedNamingTheLimit() {
        given().contentType(ContentType.JSON).body(Map.of("spec", "synthetic:2000000000"))
                .post("/datasets")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("spec"))
                .body("detail", containsString(Integer.toString(DatasetSpec.MAX_SYNTHETIC)));
        given().get("/info").then().statusCode(200);
    }

    @Test
    void anOutOfMemoryErrorEndsTheJobFailedWithTheReason() {
        IngestJob job = jobs.submit("test", Map.of(), running -> {
            throw new OutOfMemoryError("Java heap space");
        });
        awaitEnd(job);
        IngestJob.Status status = job.status();
        assertEquals(IngestJob.State.FAILED, status.state());
        assertTrue(status.error().contains("out of memory") && status.error().contains("-Xmx"), status.error());
    }

    @Test
    void aCancelledJobEndsAtOnceAndFreesTheQueue() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        IngestJob stuck = jobs.submit(DatasetIngest.KIND, Map.of(), running -> {
            started.countDown();
            Thread.sleep(Duration.ofMinutes(10).toMillis());
        });
        assertTrue(started.await(10, TimeUnit.SECONDS), "the job never started");
        IngestJob queued = jobs.submit(DatasetIngest.KIND, Map.of(), running -> running.succeeded(Map.of()));

        given().delete("/datasets/jobs/" + stuck.id())
                .then().statusCode(202).body("state", equalTo("CANCELLED"));
        awaitEnd(queued);
        assertEquals(IngestJob.State.SUCCEEDED, queued.status().state(), "the job queued behind a cancelled one");
        given().delete("/datasets/jobs/" + stuck.id())
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("CANCELLED"));
        given().delete("/corruptions/jobs/no-such-job").then().statusCode(404);
    }

    private static void awaitEnd(IngestJob job) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!job.hasEnded()) {
            if (Instant.now().isAfter(deadline)) fail("job " + job.id() + " still " + job.status().state());
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
