package dev.robust.trainer.rest;

import dev.robust.common.event.RunFailed;
import dev.robust.common.event.RunRequested;
import dev.robust.common.topic.Topics;
import dev.robust.kafka.embedded.testing.EmbeddedKafkaTestResource;
import dev.robust.service.problem.Problem;
import dev.robust.service.messaging.KafkaClients;
import dev.robust.trainer.run.RunBoard;
import dev.robust.trainer.testing.TopicEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(EmbeddedKafkaTestResource.class)
class RunsResourceTest {
    @Inject
    KafkaClients kafka;

    @Test
    void unknownProfileIsAProblemNamingTheProfileField() {
        rejected(Map.of("profile", "huge"), "profile");
    }

    @Test
    void aRequestWithoutAProfileIsAProblemSayingWhatIsMissing() {
        for (String body : new String[] {"", "{}", "{\"overrides\": {\"teacher.epochs\": 1}}"}) {
            given().contentType(ContentType.JSON).body(body).post("/runs")
                    .then().statusCode(400).contentType(startsWith(Problem.MEDIA_TYPE))
                    .body("field", equalTo("profile"))
                    .body("detail", containsString("names its profile"))
                    .body("detail", containsString("quick"));
        }
    }

    @Test
    void epochsBeyondTheirBoundAreAProblemNamingTheBound() {
        rejected(Map.of("profile", "ci", "overrides", Map.of("teacher.epochs", Integer.MAX_VALUE)), "teacher.epochs")
                .body("detail", containsString("1..1000"));
    }

    @Test
    void unknownModelIsAProblemNamingTheModelField() {
        rejected(Map.of("profile", "ci", "overrides", Map.of("model", "vgg16")), "model")
                .body("detail", containsString("smallcnn"));
    }

    @Test
    void unknownEngineIsAProblemNamingTheEngineField() {
        rejected(Map.of("profile", "ci", "engine", "tensorflow"), "engine")
                .body("detail", containsString("tensorflow"))
                .body("detail", containsString("dl4j"));
    }

    @Test
    void requestedEngineTravelsWithTheRequestAndReplacesTheProfiles() {
        String runId = given().contentType(ContentType.JSON)
                .body(Map.of("profile", "ci", "engine", "torch"))
                .post("/runs")
                .then().statusCode(202)
                .body("engine", equalTo("torch"))
                .body("config.engine", equalTo("torch"))
                .extract().path("runId");

        RunRequested published = TopicEvents.read(kafka, Topics.RUNS, RunRequested.class).stream()
                .filter(r -> r.runId().equals(runId)).findFirst().orElseThrow();
        assertEquals("torch", published.engine());
        assertEquals("torch", published.config().get("engine"), "the run's config records the engine that trains it");
        given().get("/runs/" + runId).then().statusCode(200).body("engine", equalTo("torch"));
        given().delete("/runs/" + runId).then().statusCode(202);
    }

    @Test
    void withoutAnEngineTheProfileChoosesIt() {
        String runId = given().contentType(ContentType.JSON).body(Map.of("profile", "quick"))
                .post("/runs")
                .then().statusCode(202)
                .body("engine", equalTo("torch"))
                .extract().path("runId");
        given().delete("/runs/" + runId).then().statusCode(202);
        rejected(Map.of("profile", "ci", "overrides", Map.of("engine", "caffe")), "engine");
    }

    @Test
    void nonPositiveEpochsOrBatchAreProblemsNamingTheField() {
        rejected(Map.of("profile", "ci", "overrides", Map.of("teacher.epochs", 0)), "teacher.epochs");
        rejected(Map.of("profile", "ci", "overrides", Map.of("train.batch-size", -8)), "train.batch-size");
    }

    @Test
    void unknownRandAugmentGeometryIsAProblemListingTheAllowedValues() {
        rejected(Map.of("profile", "quick", "overrides", Map.of("augment.randaugment.geometry", "pixels")),
                "augment.randaugment.geometry")
                .body("detail", containsString("pixels"))
                .body("detail", containsString("absolute"))
                .body("detail", containsString("relative"));
    }

    @Test
    void unknownPrecisionIsAProblemListingTheAllowedValues() {
        rejected(Map.of("profile", "quick", "overrides", Map.of("engine.precision", "fp16")), "engine.precision")
                .body("detail", containsString("fp16"))
                .body("detail", containsString("fp32, bf16"));
    }

    @Test
    void unknownSettingIsAProblemNamingIt() {
        rejected(Map.of("profile", "quick", "overrides", Map.of("teacher.epoch", 3)), "teacher.epoch");
    }

    @Test
    void acceptedRequestIsPublishedWithItsResolvedConfigAndCanBeCancelled() {
        String runId = given().contentType(ContentType.JSON)
                .body(Map.of("profile", "ci", "overrides", Map.of("student.epochs", 2)))
                .post("/runs")
                .then().statusCode(202)
                .header("Location", containsString("/runs/"))
                .body("config.'student.epochs'", equalTo("2"))
                .extract().path("runId");

        RunRequested published = TopicEvents.read(kafka, Topics.RUNS, RunRequested.class).stream()
                .filter(r -> r.runId().equals(runId)).findFirst().orElseThrow();
        assertEquals("ci", published.profile());
        assertEquals(2, published.overrides().get("student.epochs"));
        assertEquals("2", published.config().get("student.epochs"));
        assertEquals("dl4j", published.engine(), "no engine asked for: the ci profile's, named");

        given().delete("/runs/" + runId).then().statusCode(202).body("status", equalTo("CANCELLED"));
        given().get("/runs/" + runId).then().statusCode(200).body("status", equalTo("CANCELLED"));
        given().get("/runs").then().statusCode(200).body("runId", hasItem(runId));
        given().delete("/runs/" + runId).then().statusCode(409)
                .contentType(startsWith(Problem.MEDIA_TYPE));
        assertTrue(TopicEvents.read(kafka, Topics.RUNS, RunFailed.class).stream()
                .anyMatch(f -> f.runId().equals(runId) && f.reason().equals(RunBoard.CANCELLED_REASON)));
    }

    @Test
    void unknownRunIsNotFound() {
        given().get("/runs/run-000000000000").then().statusCode(404).contentType(startsWith(Problem.MEDIA_TYPE));
        given().delete("/runs/run-000000000000").then().statusCode(404);
    }

    @Test
    void infoShowsTheEngineBackendWithOneDnn() {
        given().get("/info").then().statusCode(200)
                .body("engine", equalTo("dl4j"))
                .body("backend.onednn", equalTo(true))
                .body("backend.library", startsWith("deeplearning4j"))
                .body("models", hasItem("resnet20"))
                .body("engines", hasItem("dl4j"));
    }

    private static io.restassured.response.ValidatableResponse rejected(Map<String, Object> body, String field) {
        return given().contentType(ContentType.JSON).body(body)
                .post("/runs")
                .then().statusCode(400)
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .body("status", equalTo(400))
                .body("field", equalTo(field));
    }
}
