package dev.robust.eval.dashboard;

import dev.robust.common.event.EvaluationResult;
import dev.robust.common.event.ModelRole;
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
import java.util.Map;
import java.util.Optional;

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

    @Test
    void aNewlyPublishedEvaluationAppearsOnTheOpenDashboard() throws Exception {
        Optional<Path> binary = HeadlessChromium.find();
        assumeTrue(binary.isPresent(), "no Chromium binary on the PATH");
        try (HeadlessChromium browser = HeadlessChromium.open(binary.get(), dashboard.toString());
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
}
