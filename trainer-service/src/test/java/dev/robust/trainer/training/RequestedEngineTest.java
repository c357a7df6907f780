package dev.robust.trainer.training;

import dev.robust.common.event.RunFailed;
import dev.robust.common.event.RunRequested;
import dev.robust.common.profile.RunProfile;
import dev.robust.common.topic.Topics;
import dev.robust.kafka.embedded.testing.EmbeddedKafkaTestResource;
import dev.robust.service.messaging.EventPublisher;
import dev.robust.service.messaging.KafkaClients;
import dev.robust.trainer.testing.TopicEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A request another replica accepted for an engine this trainer does not have (another class path) fails with a
 * reason that names the engine and the ones available, instead of training with some other engine.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedKafkaTestResource.class)
class RequestedEngineTest {
    @Inject
    EventPublisher publisher;

    @Inject
    KafkaClients kafka;

    @Test
    void requestForAnEngineThisTrainerLacksFailsNamingIt() throws Exception {
        String runId = "engine-" + UUID.randomUUID().toString().substring(0, 8);
        RunProfile profile = RunProfile.named("ci");
        publisher.publish(new RunRequested(runId, "ci", Map.of(), Map.copyOf(profile.asMap()), profile.seed(),
                "no-such-engine"));

        assertEquals("FAILED", RunPolling.awaitEnd(runId));
        given().get("/runs/" + runId).then().statusCode(200);
        RunFailed failed = TopicEvents.read(kafka, Topics.RUNS, RunFailed.class).stream()
                .filter(f -> f.runId().equals(runId)).findFirst().orElseThrow();
        assertTrue(failed.reason().contains("'no-such-engine'"), failed.reason());
        assertTrue(failed.reason().contains("dl4j"), failed.reason());
    }
}
