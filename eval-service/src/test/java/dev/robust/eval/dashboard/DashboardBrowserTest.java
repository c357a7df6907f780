package dev.robust.eval.dashboard;

import dev.robust.common.event.Comparison;
import dev.robust.common.event.EvaluationResult;
import dev.robust.common.event.EvaluationSummary;
import dev.robust.common.event.ModelRole;
import dev.robust.common.stats.PairedDifference;
import dev.robust.eval.fixtures.Evaluations;
import dev.robust.eval.fixtures.HeadlessChromium;
import dev.robust.eval.fixtures.KafkaFixtures;
import dev.robust.kafka.embedded.testing.EmbeddedKafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in a real browser: an evaluation published while the page is open shows up in its live table and
 * its checkpoint table. Runs wherever a Chromium binary is found (CI installs one), skips elsewhere.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedKafkaTestResource.class)
class DashboardBrowserTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @TestHTTPResource("/")
    URL dashboard;

    @TestHTTPResource("/runs/chart-run/report.html")
    URL report;

    @Test
    void aNewlyPublishedEvaluationAppearsOnTheOpenDashboard() throws Exception {
        Path binary = chromium();
        try (HeadlessChromium browser = HeadlessChromium.open(binary, dashboard.toString());
             KafkaFixtures kafka = new KafkaFixtures(kafkaConfig)) {
            browser.awaitTrue("document.getElementById('connection').textContent === 'live'", TIMEOUT);

            EvaluationResult result = Evaluations.ok("browser-run", ModelRole.STUDENT, 2, "frost", 5, 7, 8);
            kafka.publish(result);

            String row = "document.querySelector('#live tr[data-key=\"browser-run-student-2/frost/5\"] .top1')";
            browser.awaitTrue(row + " !== null", TIMEOUT);
            assertEquals("87.5%", browser.evaluate(row + ".textContent").asText());
            browser.awaitTrue("[...document.querySelectorAll('#checkpoints td')]"
                    + ".some(td => td.textContent === 'browser-run-student-2')", TIMEOUT);
        }
    }

    @Test
    void theDashboardShowsEachTopOneWithItsIntervalAndTheStudentsVerdicts() throws Exception {
        Path binary = chromium();
        EvaluationResult clean = Evaluations.ok("verdict-run", ModelRole.STUDENT, 1, "clean", 0, 442, 1000);
        try (KafkaFixtures kafka = new KafkaFixtures(kafkaConfig)) {
            kafka.publish(clean);
            kafka.publish(EvaluationSummary.of(List.of(clean)).withComparisons(List.of(Comparison.of(
                    "verdict-run-teacher-1", "SWA teacher", "clean", PairedDifference.of(1000, 12, 3)))));
        }
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (given().get("/runs/verdict-run/report").jsonPath().getList("checkpoints[0].comparisons").isEmpty()) {
            if (Instant.now().isAfter(deadline)) throw new AssertionError("the comparison never reached the report");
            Thread.sleep(250);
        }
        try (HeadlessChromium browser = HeadlessChromium.open(binary, dashboard.toString())) {
            browser.awaitTrue("[...document.querySelectorAll('#verdicts td.verdict')].length > 0", TIMEOUT);
            // 12 vs 3 discordant images: +0.9 points, McNemar p = 0.035 (SciPy binomtest(3, 15)): better.
            assertEquals("better", browser.evaluate("document.querySelector('#verdicts td.verdict').textContent")
                    .asText());
            // Wilson 95 % of 442/1000 by SciPy: [41.1, 47.3].
            browser.awaitTrue("[...document.querySelectorAll('#checkpoints td')]"
                    + ".some(td => td.textContent === '44.2% [41.1, 47.3]')", TIMEOUT);
        }
    }

    @Test
    void theRunReportDrawsTeacherVersusStudentAndSeverityCurves() throws Exception {
        Path binary = chromium();
        try (KafkaFixtures kafka = new KafkaFixtures(kafkaConfig)) {
            for (ModelRole role : ModelRole.values()) {
                kafka.publish(Evaluations.ok("chart-run", role, 0, "clean", 0, 9, 10));
                for (String corruption : new String[] {"fog", "snow"}) {
                    for (int severity = 1; severity <= 5; severity++) {
                        kafka.publish(Evaluations.ok("chart-run", role, 0, corruption, severity, 10 - severity, 10));
                    }
                }
            }
        }
        awaitRun("chart-run", 22);
        try (HeadlessChromium browser = HeadlessChromium.open(binary, report.toString())) {
            // Two roles × two corruptions at severity 5: four bars; one line per checkpoint.
            browser.awaitTrue("document.querySelectorAll('#severity5 svg rect.bar').length === 4", TIMEOUT);
            browser.awaitTrue("document.querySelectorAll('#curves svg polyline').length === 2", TIMEOUT);
            assertEquals("chart-run-teacher-0", browser.evaluate(
                    "document.querySelector('#summaries tbody td').textContent").asText());
        }
    }

    private static Path chromium() {
        Optional<Path> binary = HeadlessChromium.find();
        assumeTrue(binary.isPresent(), "no Chromium binary on the PATH");
        return binary.get();
    }

    private static void awaitRun(String run, int results) throws InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            var response = given().get("/evaluations?run=" + run);
            if (response.statusCode() == 200 && response.jsonPath().getList("$").size() >= results) return;
            Thread.sleep(250);
        }
        throw new AssertionError("the table never held " + results + " results of " + run);
    }
}
