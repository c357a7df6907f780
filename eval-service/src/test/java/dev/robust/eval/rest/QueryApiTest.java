package dev.robust.eval.rest;

import dev.robust.common.event.Comparison;
import dev.robust.common.event.EvaluationSummary;
import dev.robust.common.event.ModelRole;
import dev.robust.common.stats.PairedDifference;
import dev.robust.common.stats.Wilson;
import dev.robust.eval.fixtures.Evaluations;
import dev.robust.eval.fixtures.KafkaFixtures;
import dev.robust.kafka.embedded.testing.EmbeddedKafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The query API over evaluations published to the embedded broker: table, reports, gauges, errors (the live stream: LiveStreamTest). */
@QuarkusTest
@QuarkusTestResource(EmbeddedKafkaTestResource.class)
class QueryApiTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Test
    void servesEvaluationsAndReportsOfARun() throws Exception {
        try (KafkaFixtures kafka = new KafkaFixtures(kafkaConfig)) {
            kafka.publish(Evaluations.ok("qrun", ModelRole.TEACHER, 0, "clean", 0, 90, 100));
            kafka.publish(Evaluations.ok("qrun", ModelRole.TEACHER, 0, "fog", 5, 40, 100));
            kafka.publish(Evaluations.ok("qrun", ModelRole.TEACHER, 0, "contrast", 5, 20, 100));
            kafka.publish(Evaluations.ok("qrun", ModelRole.STUDENT, 0, "fog", 5, 60, 100));
            kafka.publish(Evaluations.ok("other", ModelRole.TEACHER, 0, "clean", 0, 10, 100));
        }
        awaitRunSize("qrun", 4);

        given().get("/evaluations?run=qrun").then().statusCode(200)
                .body("checkpoint_id", equalTo(List.of("qrun-teacher-0", "qrun-teacher-0",
                        "qrun-teacher-0", "qrun-student-0")));
        var checkpoint = given().get("/checkpoints/qrun-teacher-0/report").then().statusCode(200)
                .body("results", hasSize(3)).extract().jsonPath();
        assertEquals(0.9, checkpoint.getDouble("summary.clean_top1"), 1e-6);
        assertEquals(0.3, checkpoint.getDouble("summary.c_sev5"), 1e-6);
        assertEquals(0.4, checkpoint.getDouble("summary.per_corruption.fog.5"), 1e-6);
        given().get("/runs/qrun/report").then().statusCode(200)
                .body("run_id", equalTo("qrun"))
                .body("dataset", equalTo("synthetic"))
                .body("checkpoints.checkpoint_id", equalTo(List.of("qrun-teacher-0", "qrun-student-0")));
        assertEquals(Wilson.interval(90, 100).low(), checkpoint.getDouble("summary.clean_top1_interval.low"), 1e-6,
                "the clean top-1 carries its Wilson interval");

        // A final student's published summary brings its comparisons into the run report.
        Comparison comparison = Comparison.of("qrun-teacher-0", "SWA teacher", "c_sev5", PairedDifference.of(100, 30,
                10));
        EvaluationSummary published = EvaluationSummary.of(List.of(Evaluations.ok("qrun", ModelRole.STUDENT, 0,
                "fog", 5, 60, 100))).withComparisons(List.of(comparison));
        try (KafkaFixtures kafka = new KafkaFixtures(kafkaConfig)) {
            kafka.publish(published);
        }
        Instant deadline = Instant.now().plus(TIMEOUT);
        List<Object> verdicts = List.of();
        while (verdicts.isEmpty() && Instant.now().isBefore(deadline)) {
            verdicts = given().get("/runs/qrun/report").jsonPath().getList("checkpoints[1].comparisons.verdict");
            Thread.sleep(200);
        }
        assertEquals(List.of("better"), verdicts, "McNemar p for 30 vs 10 discordant images is 0.0022");
        given().get("/runs/qrun/report.html").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("/assets/report.js"));
        given().get("/assets/charts.js").then().statusCode(200).body(containsString("export function barChart"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("robust_evaluation_top1{corruption=\"fog\",role=\"student\",severity=\"5\"} 0.6"))
                .body(containsString("robust_evaluation_epoch{role=\"student\"} 0.0"));
    }

    @Test
    void unknownRunsAndCheckpointsAreProblemDetails() {
        given().get("/runs/no-such-run/report").then().statusCode(404)
                .contentType(containsString("application/problem+json"))
                .body("status", equalTo(404))
                .body("detail", containsString("no-such-run"));
        given().get("/checkpoints/no-such-checkpoint/report").then().statusCode(404)
                .contentType(containsString("application/problem+json"));
    }

    private static void awaitRunSize(String run, int size) throws InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            var response = given().get("/evaluations?run=" + run);
            if (response.statusCode() == 200 && response.jsonPath().getList("$").size() >= size) return;
            Thread.sleep(250);
        }
        throw new AssertionError("the table never held " + size + " results of " + run);
    }
}
