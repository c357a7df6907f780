package dev.robust.eval.rest;

import dev.robust.common.corruption.Corruption;
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

    /**
     * Two checkpoints scored on clean and all 15 benchmark corruptions × 5 severities (1,000 images each), top-1s
     * as in common's RobustnessMetricsTest, worked by hand there: the student .9 − .1s − .005c with clean .93
     * (accuracy .565, mCE .435, relative .365), the teacher .8 − .1s with clean .85 as the baseline: normalized
     * mCE .87, relative 1.825/1.75. A checkpoint with fewer slices cannot be a baseline, nor an unknown one.
     */
    @Test
    void normalizesCorruptionErrorsToANamedBaseline() throws Exception {
        try (KafkaFixtures kafka = new KafkaFixtures(kafkaConfig)) {
            kafka.publish(Evaluations.ok("brun", ModelRole.STUDENT, 0, "clean", 0, 930, 1_000));
            kafka.publish(Evaluations.ok("brun", ModelRole.TEACHER, 0, "clean", 0, 850, 1_000));
            for (Corruption corruption : Corruption.benchmark()) {
                for (int s = 1; s <= 5; s++) {
                    kafka.publish(Evaluations.ok("brun", ModelRole.STUDENT, 0, corruption.id(), s,
                            900 - 100 * s - 5 * corruption.ordinal(), 1_000));
                    kafka.publish(Evaluations.ok("brun", ModelRole.TEACHER, 0, corruption.id(), s, 800 - 100 * s,
                            1_000));
                }
            }
            kafka.publish(Evaluations.ok("short", ModelRole.TEACHER, 0, "clean", 0, 850, 1_000));
        }
        awaitRunSize("brun", 152);
        awaitRunSize("short", 1);

        var student = given().get("/checkpoints/brun-student-0/robustness?baseline=brun-teacher-0").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(0.565, student.getDouble("metrics.common_corruptions_accuracy"), 1e-6);
        assertEquals(0.435, student.getDouble("metrics.mce"), 1e-6);
        assertEquals(0.365, student.getDouble("metrics.relative_mce"), 1e-6);
        assertEquals(0.87, student.getDouble("normalized.mce"), 1e-6);
        assertEquals(1.825 / 1.75, student.getDouble("normalized.relative_mce"), 1e-6);
        assertEquals("brun-teacher-0", student.getString("normalized.baseline_checkpoint_id"));

        var run = given().get("/runs/brun/report?baseline=brun-teacher-0").then().statusCode(200).extract()
                .jsonPath();
        assertEquals(0.87, run.getDouble("baseline.checkpoints.brun-student-0.mce"), 1e-6);
        assertEquals(1.0, run.getDouble("baseline.checkpoints.brun-teacher-0.mce"), 1e-6, "the baseline to itself");
        assertEquals(0.87, given().get("/checkpoints/brun-student-0/report?baseline=brun-teacher-0").jsonPath()
                .getDouble("normalized.mce"), 1e-6);
        given().get("/runs/brun/report").then().statusCode(200).body("baseline", equalTo(null));

        given().get("/runs/brun/report?baseline=short-teacher-0").then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("field", equalTo("baseline"))
                .body("detail", containsString("0 of the 75 benchmark slices"));
        given().get("/checkpoints/brun-student-0/robustness?baseline=nobody").then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("field", equalTo("baseline"))
                .body("detail", containsString("'nobody' has no evaluations"));
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
