package dev.robust.eval.rest;

import dev.robust.kafka.embedded.testing.EmbeddedKafkaTestResource;
import dev.robust.service.testing.RequestFuzz;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;

/** The eval-service's edge (reads only): every bad request is a 4xx problem, and the service serves on. */
@QuarkusTest
@QuarkusTestResource(EmbeddedKafkaTestResource.class)
class RequestFuzzTest {
    @TestHTTPResource("/")
    URI base;

    @Test
    void everyBadRequestIsAClientProblem() throws InterruptedException {
        awaitTable();
        new RequestFuzz(base, null)
                .unknown("/runs/no-such-run/report", "/checkpoints/no-such-checkpoint/report", "/nothing-here",
                        "/assets/no-such-script.js")
                .unknownPages("/runs/no-such-run/report.html")
                .wrongMethod("POST", "/runs")
                .wrongMethod("DELETE", "/evaluations")
                .wrongMethod("PUT", "/runs/no-such-run/report")
                .wrongMethod("POST", "/info")
                .wrongMethod("DELETE", "/leaderboard")
                .wrongAccept("/runs", "text/csv")
                .wrongAccept("/leaderboard", "text/csv")
                .wrongAccept("/runs/no-such-run/report.html", "application/xml")
                .verify("/runs");
    }

    /** Until the query table has loaded, every read is a 503 (with Retry-After); the fuzz is about what follows. */
    private static void awaitTable() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (given().get("/runs").statusCode() != 200) {
            if (Instant.now().isAfter(deadline)) throw new AssertionError("the query table never loaded");
            Thread.sleep(250);
        }
    }
}
