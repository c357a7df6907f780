package dev.robust.augment.rest;

import dev.robust.kafka.embedded.testing.EmbeddedKafkaTestResource;
import dev.robust.service.testing.RequestFuzz;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** The augment-service's edge: every bad request is a 4xx problem, and the service serves on. */
@QuarkusTest
@QuarkusTestResource(EmbeddedKafkaTestResource.class)
class RequestFuzzTest {
    @TestHTTPResource("/")
    URI base;

    @Test
    void everyBadRequestIsAClientProblem() {
        new RequestFuzz(base, null)
                .jsonEndpoint("/datasets", Map.of("spec", "synthetic:100", "validationSize", 10))
                .jsonEndpoint("/corruptions", Map.of("directory", "CIFAR-10-C", "corruptions", List.of("fog"),
                        "severities", List.of(5), "limitPerSeverity", 10))
                .unknown("/datasets/jobs/no-such-job", "/corruptions/jobs/no-such-job", "/nothing-here")
                .wrongMethod("DELETE", "/datasets")
                .wrongMethod("PUT", "/datasets/jobs/no-such-job")
                .wrongMethod("POST", "/info")
                .wrongAccept("/datasets/jobs/no-such-job", "application/xml")
                .wrongAccept("/info", "text/csv")
                .verify("/info");
    }
}
