package dev.robust.eval.rest;

import dev.robust.kafka.embedded.testing.EmbeddedKafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** What the eval-service adds to health and {@code /info}; service-kit's KafkaConnectivityTest covers the rest. */
@QuarkusTest
@QuarkusTestResource(EmbeddedKafkaTestResource.class)
class HealthAndInfoTest {

    @Test
    void livenessIncludesTheCheckpointConsumer() {
        given().get("/q/health/live")
                .then().statusCode(200)
                .body("checks.find { it.name == 'checkpoint consumer' }.status", equalTo("UP"));
    }

    @Test
    void infoNamesTheServiceAndTheEngineBackendsInCamelCaseLikeEveryService() {
        given().get("/info")
                .then().statusCode(200)
                .body("service", equalTo("eval-service"))
                .body("engines.dl4j.onednn", equalTo(true))
                .body("engines.torch.library", startsWith("libtorch 2.10.0"))
                .body("engines.torch.backend", equalTo("cpu"));
    }
}
