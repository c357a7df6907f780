package dev.robust.trainer.rest;

import dev.robust.kafka.embedded.testing.EmbeddedKafkaTestResource;
import dev.robust.service.testing.RequestFuzz;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

/** The trainer-service's edge: every bad request is a 4xx problem, and the service serves on. */
@QuarkusTest
@QuarkusTestResource(EmbeddedKafkaTestResource.class)
class RequestFuzzTest {
    @TestHTTPResource("/")
    URI base;

    @Test
    void everyBadRequestIsAClientProblem() {
        new RequestFuzz(base, null)
                .jsonEndpoint("/runs", Map.of("profile", "ci", "engine", "dl4j",
                        "overrides", Map.of("teacher.epochs", 1, "train.batch-size", 32, "eval.clean-images", 64)))
                .unknown("/runs/run-000000000000", "/nothing-here")
                .wrongMethod("DELETE", "/runs")
                .wrongMethod("PUT", "/runs/run-000000000000")
                .wrongMethod("POST", "/info")
                .wrongAccept("/runs", "text/csv")
                .verify("/runs");
    }
}
