package dev.robust.eval.dashboard;

import dev.robust.common.event.Comparison;
import dev.robust.common.event.EvaluationResult;
import dev.robust.common.event.EvaluationSummary;
import dev.robust.common.event.ModelKind;
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
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard and the run report page in a real browser: a run, its checkpoints and an evaluation published while
 * the page is open show up, the charts carry their intervals, and the page reports no error (console, uncaught
 * exception, failed load). Runs wherever a Chromium binary is found (CI installs one), skips elsewhere.
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

    @TestHTTPResource("/runs/live-run/report.html")
    URL liveReport;

    @TestHTTPResource("/leaderboard.html")
    URL leaderboard;

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
            assertNoErrors(browser);
        }
    }

    @Test
    void aRunItsCheckpointsAndALiveUpdateRenderWithoutErrors() throws Exception {
        Path binary = chromium();
        try (KafkaFixtures kafka = new KafkaFixtures(kafkaConfig)) {
            for (ModelKind kind : List.of(ModelKind.RAW, ModelKind.SWA)) {
                publishFinal(kafka, "live-run", ModelRole.TEACHER, kind, 80);
            }
        }
        awaitRun("live-run", 2 * 5);
        try (HeadlessChromium browser = HeadlessChromium.open(binary, dashboard.toString());
             KafkaFixtures kafka = new KafkaFixtures(kafkaConfig)) {
            browser.awaitTrue("document.getElementById('connection').textContent === 'live'", TIMEOUT);
            browser.awaitTrue("[...document.querySelectorAll('#runs td')].some(td => td.textContent === 'live-run')",
                    TIMEOUT);
            String models = "[...document.querySelectorAll('#checkpoints tr')].map(tr => tr.children[1]?.textContent)";
            browser.awaitTrue(models + ".includes('raw teacher (before SWA)') && " + models
                    + ".includes('SWA teacher')", TIMEOUT);

            // The student arrives while the page is open: the live table and the checkpoints show it. The page says
            // "live" when the stream's response opens, which the service sends only once the stream's start is fixed,
            // so every result published after that must arrive.
            publishFinal(kafka, "live-run", ModelRole.STUDENT, ModelKind.FINAL, 60);
            browser.awaitTrue("document.querySelector('#live tr[data-key=\"live-run-final/clean/0\"]') !== null",
                    TIMEOUT);
            for (String slice : List.of("fog/3", "fog/5", "snow/3", "snow/5")) {
                browser.awaitTrue("document.querySelector('#live tr[data-key=\"live-run-final/" + slice
                        + "\"]') !== null", TIMEOUT);
            }
            browser.awaitTrue(models + ".includes('student')", TIMEOUT);
            assertNoErrors(browser);
        }
        try (HeadlessChromium browser = HeadlessChromium.open(binary, liveReport.toString())) {
            // Three final models × (clean + fog + snow): nine bars, each with its whisker.
            browser.awaitTrue("document.querySelectorAll('#severity5 svg rect.bar').length === 9", TIMEOUT);
            assertEquals(9, browser.evaluate("document.querySelectorAll('#severity5 svg .error-bar').length").asInt());
            assertEquals("raw teacher (before SWA),SWA teacher,student", browser.evaluate(
                    "[...document.querySelectorAll('#severity5 svg text.legend')].map(t => t.textContent).join()")
                    .asText());
            // Severities 3 and 5 scored: clean, 3 and 5 are points; no line, as no two scored severities are
            // neighbours (a line from 3 to 5 would pass through the unscored 4).
            assertEquals(9, browser.evaluate("document.querySelectorAll('#curves svg circle').length").asInt());
            assertEquals(0, browser.evaluate("document.querySelectorAll('#curves svg polyline').length").asInt());
            assertEquals("4 (not scored)", browser.evaluate(
                    "document.querySelectorAll('#curves svg text.unscored')[2].textContent").asText());
            browser.awaitTrue("document.querySelectorAll('#settings tr').length > 0", TIMEOUT);
            String settings = browser.evaluate("document.getElementById('settings').innerText").asText();
            for (String expected : List.of("engine\ttorch", "data\tcifar10", "severities scored\t3, 5")) {
                assertTrue(settings.contains(expected), expected + " in " + settings);
            }
            assertTrue(browser.evaluate("document.getElementById('synthetic').hidden").asBoolean());
            assertNoErrors(browser);
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
            assertNoErrors(browser);
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
            // Two roles × (clean + two corruptions at severity 5): six bars; one unbroken line per model, as
            // every severity is scored, with a whisker at each of its six points.
            browser.awaitTrue("document.querySelectorAll('#severity5 svg rect.bar').length === 6", TIMEOUT);
            browser.awaitTrue("document.querySelectorAll('#curves svg polyline').length === 2", TIMEOUT);
            assertEquals(12, browser.evaluate("document.querySelectorAll('#curves svg .error-bar').length").asInt());
            assertEquals("chart-run-teacher-0", browser.evaluate(
                    "document.querySelector('#summaries tbody td').textContent").asText());
            // Synthetic data is flagged above the charts.
            browser.awaitTrue("document.getElementById('synthetic').hidden === false", TIMEOUT);
            // The bars span the chart: the last one ends in the right tenth of the plot.
            assertTrue(browser.evaluate("(() => { const svg = document.querySelector('#severity5 svg');"
                    + " const bars = [...svg.querySelectorAll('rect.bar')];"
                    + " const right = Math.max(...bars.map(b => +b.getAttribute('x') + +b.getAttribute('width')));"
                    + " return right > svg.viewBox.baseVal.width * 0.9; })()").asBoolean());
            assertNoErrors(browser);
        }
    }

    @Test
    void theLeaderboardRanksScoredCheckpointsReordersOnAClickAndTakesInANewOneLive() throws Exception {
        Path binary = chromium();
        try (KafkaFixtures kafka = new KafkaFixtures(kafkaConfig)) {
            // Checkpoint 0: better clean, worse at severity 5; checkpoint 1 the other way round.
            publishScores(kafka, "board-run", 0, 70, 20);
            publishScores(kafka, "board-run", 1, 60, 40);
        }
        awaitRun("board-run", 2 * 2);
        try (HeadlessChromium browser = HeadlessChromium.open(binary, leaderboard.toString());
             KafkaFixtures kafka = new KafkaFixtures(kafkaConfig)) {
            browser.awaitTrue("document.getElementById('connection').textContent === 'live'", TIMEOUT);
            String order = "[...document.querySelectorAll('#leaderboard tbody tr')].map(tr => tr.dataset.checkpoint)"
                    + ".filter(id => id.startsWith('board-run-')).join()";
            // By default C-sev5, best first.
            browser.awaitTrue(order + " === 'board-run-teacher-1,board-run-teacher-0'", TIMEOUT);
            assertEquals("C-sev5 [95 % CI]", browser.evaluate(
                    "document.querySelector('#leaderboard th.sorted').textContent").asText());
            // Wilson 95 % of 60/100 (by its formula): [50.2, 69.1].
            assertEquals("60.0% [50.2, 69.1]", browser.evaluate("document.querySelector('#leaderboard "
                    + "tr[data-checkpoint=\"board-run-teacher-1\"] td.clean_top1').textContent").asText());

            // The robustness papers' metrics have columns too; ECE has no interval. Two slices are not the 75
            // benchmark slices mCE needs, and results without likelihoods have no ECE: dashes.
            assertEquals("mCE [95 % CI]", browser.evaluate(
                    "document.querySelector('#leaderboard th[data-metric=\"mce\"]').textContent").asText());
            assertEquals("clean ECE", browser.evaluate(
                    "document.querySelector('#leaderboard th[data-metric=\"clean_ece\"]').textContent").asText());
            assertEquals("–", browser.evaluate("document.querySelector('#leaderboard "
                    + "tr[data-checkpoint=\"board-run-teacher-1\"] td.mce').textContent").asText());

            // A click on the clean top-1 heading ranks by it.
            browser.evaluate("document.querySelector('#leaderboard th[data-metric=\"clean_top1\"]').click()");
            browser.awaitTrue(order + " === 'board-run-teacher-0,board-run-teacher-1'", TIMEOUT);

            // A third checkpoint scored while the page is open goes to the top.
            publishScores(kafka, "board-run", 2, 90, 50);
            browser.awaitTrue(order + " === 'board-run-teacher-2,board-run-teacher-0,board-run-teacher-1'", TIMEOUT);
            assertEquals("not recorded", browser.evaluate("document.querySelector("
                    + "'#leaderboard tr[data-checkpoint=\"board-run-teacher-2\"] td.publisher').textContent").asText(),
                    "no claim check for a checkpoint made of results alone: its publisher is not recorded");
            assertNoErrors(browser);
        }
    }

    /** A teacher checkpoint of {@code run} with clean top-1 {@code clean} % and fog at severity 5 {@code sev5} %. */
    private static void publishScores(KafkaFixtures kafka, String run, int epoch, int clean, int sev5) {
        kafka.publish(Evaluations.ok(run, ModelRole.TEACHER, epoch, "clean", 0, clean, 100));
        kafka.publish(Evaluations.ok(run, ModelRole.TEACHER, epoch, "fog", 5, sev5, 100));
    }

    /** Clean, fog and snow at severities 3 and 5, {@code percent} right of 100 images each. */
    private static void publishFinal(KafkaFixtures kafka, String run, ModelRole role, ModelKind kind, int percent) {
        kafka.publish(Evaluations.ofFinal(run, role, kind, "clean", 0, percent + 10, 100));
        for (String corruption : List.of("fog", "snow")) {
            for (int severity : List.of(3, 5)) {
                kafka.publish(Evaluations.ofFinal(run, role, kind, corruption, severity, percent - severity, 100));
            }
        }
    }

    private static void assertNoErrors(HeadlessChromium browser) {
        assertEquals(List.of(), browser.errors(), "the page reported errors");
    }

    private static Path chromium() {
        Optional<Path> binary = HeadlessChromium.find();
        assumeTrue(binary.isPresent(), "skipped: no Chromium on the PATH (chromium, chromium-browser, google-chrome;"
                + " or set CHROMIUM)");
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
