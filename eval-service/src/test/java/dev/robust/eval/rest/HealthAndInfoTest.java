package dev.robust.eval.rest;

import dev.robust.kafka.embedded.testing.EmbeddedKafkaTestResource;
import dev.robust.kafka.embedded.testing.RecordRoundTrip;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(EmbeddedKafkaTestResource.class)
class KafkaConnectivityTest {

    /** The Kafka client settings the service itself uses (kafka.* properties). */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Test
    void producesAndConsumesThroughTheBrokerItIsConfiguredWith() throws Exception {
        var record = RecordRoundTrip.sendAndReceive(kafkaConfig, "eval-service.probe", "ping", "pong",
                Duration.ofSeconds(30));
        assertEquals("pong", record.value());
    }

    @Test
    void readinessIncludesKafkaConnectivity() {
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Kafka connection health check"));
    }

    @Test
    void livenessIncludesTheCheckpointConsumer() {
        given().get("/q/health/live")
                .then().statusCode(200)
                .body("checks.find { it.name == 'checkpoint consumer' }.status", equalTo("UP"));
    }

    @Test
    void infoNamesTheServiceItsBrokerAndTheEngineBackend() {
        given().get("/info")
                .then().statusCode(200)
                .body("service", equalTo("eval-service"))
                .body("kafkaBootstrapServers", equalTo(kafkaConfig.get("bootstrap.servers")))
                .body("engines.dl4j.onednn", equalTo(true))
                .body("engines.torch.library", startsWith("libtorch 2.10.0"))
                .body("engines.torch.backend", equalTo("cpu"));
    }
}
