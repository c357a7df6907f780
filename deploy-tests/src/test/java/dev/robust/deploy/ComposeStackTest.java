package dev.robust.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.robust.common.corruption.Corruption;
import dev.robust.common.dataset.DatasetSpec;
import dev.robust.common.profile.RunProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * docker-compose.yml for real, as an operator uses it, once with each compose version installed: build the images
 * from the packaged services, bring the stack up (no monitoring profile, so no image it does not start is pulled),
 * ingest the ci profile's synthetic data, train a ci run to a complete summary of every final model, then
 * {@code down} and {@code up} again and find the run, its scores and its checkpoints still there; {@code down -v}
 * at the end. The compose CLI is driven directly (no Testcontainers, so no Ryuk container is needed), and every
 * published port is a free one chosen at the start. Skipped, with the reason, where no Docker engine answers or
 * the services are not packaged ({@code ./mvnw verify} packages them before this module).
 */
class ComposeStackTest {
    private static final RunProfile CI = RunProfile.named("ci");
    private static final Duration BUILD_AND_UP = Duration.ofMinutes(10);
    private static final Duration READY = Duration.ofMinutes(5);
    private static final Duration RUN = Duration.ofMinutes(10);
    private static final Duration DOWN = Duration.ofMinutes(3);
    private static final Duration POLL = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicBoolean SAID_WHY = new AtomicBoolean();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Double> seconds = new LinkedHashMap<>();

    /** Skips (saying why, once on the console and in the report) where the stack cannot be built and started. */
    private static void assumeEngineAndPackagedServices() {
        String missing = null;
        if (!ExternalCommand.works(List.of("docker", "info"))) missing = "no Docker engine answers `docker info`";
        for (ServiceModule service : ServiceModule.values()) {
            if (missing == null && !Files.isRegularFile(service.quarkusRunner())) {
                missing = service + " is not packaged (./mvnw package -DskipTests builds what the images copy)";
            }
        }
        if (missing != null && !SAID_WHY.getAndSet(true)) System.out.println("ComposeStackTest skipped: " + missing);
        assumeTrue(missing == null, "ComposeStackTest skipped: " + missing);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void composeV2() throws Exception {
        runWith(List.of("docker", "compose"), "v2");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void composeV1() throws Exception {
        runWith(List.of("docker-compose"), "v1");
    }

    private void runWith(List<String> tool, String version) throws Exception {
        assumeEngineAndPackagedServices();
        List<String> versionCommand = new ArrayList<>(tool);
        versionCommand.add("version");
        assumeTrue(ExternalCommand.works(versionCommand), String.join(" ", tool) + " is not installed");
        String wanted = System.getProperty("robust.compose.versions", "v1,v2");
        assumeTrue(List.of(wanted.split(",")).contains(version),
                "compose " + version + " not in robust.compose.versions=" + wanted);

        ComposeProject stack = new ComposeProject(tool, "robust-test-" + version + "-"
                + Long.toString(System.currentTimeMillis(), 36), CI.name());
        long started = System.nanoTime();
        boolean passed = false;
        try {
            long phase = System.nanoTime();
            stack.run(BUILD_AND_UP, "up", "-d", "--build");
            awaitReady(stack);
            lap("build + up + ready", phase);

            for (ServiceModule service : ServiceModule.values()) {
                JsonNode info = get(uri(stack, service, "/info"));
                assertTrue(info.toString().contains("kafka:9092"), service + " should name the compose broker: "
                        + info);
                assertEquals(200, status(uri(stack, service, "/q/metrics")), service + " /q/metrics");
            }

            phase = System.nanoTime();
            ingest(stack);
            lap("ingest", phase);

            phase = System.nanoTime();
            JsonNode accepted = post(uri(stack, ServiceModule.TRAINER, "/runs"),
                    Map.of("profile", CI.name(), "overrides", Map.of()));
            String runId = accepted.path("runId").asText();
            JsonNode run = await("run " + runId + " to finish", RUN, () -> {
                JsonNode current = get(uri(stack, ServiceModule.TRAINER, "/runs/" + runId));
                String status = current.path("status").asText();
                assertFalse(status.equals("FAILED") || status.equals("CANCELLED"),
                        "run " + runId + " ended " + status + ": " + current.path("reason").asText());
                return status.equals("FINISHED") ? Optional.of(current) : Optional.empty();
            });
            List<String> finals = finalCheckpoints(run);
            String student = run.path("studentCheckpointId").asText();
            JsonNode report = await("complete summaries of " + finals + " and the student's verdicts", RUN, () -> {
                JsonNode current = get(uri(stack, ServiceModule.EVAL, "/runs/" + runId + "/report"));
                return scored(current, finals, student) ? Optional.of(current) : Optional.empty();
            });
            lap("ci run to complete summaries", phase);

            phase = System.nanoTime();
            stack.run(DOWN, "down");
            stack.run(BUILD_AND_UP, "up", "-d");
            awaitReady(stack);
            lap("down + up + ready", phase);

            assertEquals("FINISHED", get(uri(stack, ServiceModule.TRAINER, "/runs/" + runId)).path("status").asText(),
                    "the trainer should still know run " + runId + " after down + up");
            JsonNode again = await("the scores of " + runId + " after down + up", READY, () -> {
                JsonNode current = get(uri(stack, ServiceModule.EVAL, "/runs/" + runId + "/report"));
                return scored(current, finals, student) ? Optional.of(current) : Optional.empty();
            });
            assertEquals(checkpointIds(report), checkpointIds(again), "checkpoints scored before and after down + up");
            String stored = stack.run(DOWN, "exec", "-T", "eval-service", "ls", "/var/lib/robust/checkpoints/" + runId);
            for (String checkpoint : finals) {
                assertTrue(stored.contains(checkpoint), checkpoint + " should still be in the checkpoint volume: " + stored);
            }
            passed = true;
        } finally {
            if (!passed) System.out.println(stack.runQuietly(DOWN, "logs", "--no-color", "--tail", "60"));
            long phase = System.nanoTime();
            String down = stack.runQuietly(DOWN, "down", "-v", "--remove-orphans");
            lap("down -v", phase);
            lap("total", started);
            System.out.printf(Locale.ROOT, "ComposeStackTest with %s (compose %s): %s%n", stack.toolName(), version,
                    seconds);
            if (passed) assertFalse(down.contains("exited with"), "down -v failed: " + down);
        }
    }

    private void ingest(ComposeProject stack) throws IOException, InterruptedException {
        // The size `robust run` uses for synthetic data under this profile: the train and validation splits, and
        // test images for the clean score.
        int size = Math.max(CI.trainExamples() + CI.valExamples(), 5 * CI.evalCleanImages());
        JsonNode job = post(uri(stack, ServiceModule.AUGMENT, "/datasets"), Map.of(
                "spec", DatasetSpec.Kind.SYNTHETIC.id() + ":" + size, "validationSize", CI.valExamples()));
        awaitJob(stack, "/datasets/jobs/", job);
        job = post(uri(stack, ServiceModule.AUGMENT, "/corruptions"), Map.of(
                "corruptions", CI.evalCorruptions().stream().map(Corruption::id).toList(),
                "severities", CI.evalSeverities(),
                "limitPerSeverity", CI.evalImagesPerSeverity()));
        awaitJob(stack, "/corruptions/jobs/", job);
    }

    private void awaitJob(ComposeProject stack, String jobs, JsonNode accepted) throws InterruptedException {
        String id = accepted.path("id").asText();
        await("ingest job " + id, READY, () -> {
            JsonNode job = get(uri(stack, ServiceModule.AUGMENT, jobs + id));
            assertFalse(job.path("state").asText().equals("FAILED"), "ingest job failed: " + job);
            return job.path("state").asText().equals("SUCCEEDED") ? Optional.of(job) : Optional.empty();
        });
    }

    private void awaitReady(ComposeProject stack) throws InterruptedException {
        for (ServiceModule service : ServiceModule.values()) {
            await(service + " ready", READY, () -> status(uri(stack, service, "/q/health/ready")) == 200
                    ? Optional.of(true) : Optional.empty());
        }
    }

    /** The ids of the final models the trainer reports for the run: raw teacher (with SWA), SWA teacher, student. */
    private static List<String> finalCheckpoints(JsonNode run) {
        List<String> ids = new ArrayList<>();
        for (String field : List.of("rawTeacherCheckpointId", "teacherCheckpointId", "studentCheckpointId")) {
            if (run.path(field).isTextual()) ids.add(run.path(field).asText());
        }
        assertTrue(ids.size() >= 2, "the finished run should name its final checkpoints: " + run);
        return ids;
    }

    /**
     * Every final model has a complete summary, and the student's carries its verdicts (they come with the summary
     * the eval-service publishes, which can reach the report a moment after the results that make it complete).
     */
    private static boolean scored(JsonNode report, List<String> finals, String student) {
        int complete = 0;
        boolean verdicts = false;
        for (JsonNode summary : report.path("checkpoints")) {
            String id = summary.path("checkpoint_id").asText();
            if (finals.contains(id) && summary.path("status").asText().equals("complete")) complete++;
            if (id.equals(student)) verdicts = summary.path("comparisons").size() > 0;
        }
        return complete == finals.size() && verdicts;
    }

    private static List<String> checkpointIds(JsonNode report) {
        List<String> ids = new ArrayList<>();
        report.path("checkpoints").forEach(summary -> ids.add(summary.path("checkpoint_id").asText()));
        return ids;
    }

    private void lap(String what, long startedNanos) {
        seconds.put(what, Math.round((System.nanoTime() - startedNanos) / 1e8) / 10.0);
    }

    // ---- HTTP on the published ports ----

    private static URI uri(ComposeProject stack, ServiceModule service, String path) {
        return URI.create("http://127.0.0.1:" + stack.hostPort(service) + path);
    }

    private int status(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private JsonNode get(URI uri) throws IOException, InterruptedException {
        return body(http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()), uri);
    }

    private JsonNode post(URI uri, Object body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        return body(http.send(request, HttpResponse.BodyHandlers.ofString()), uri);
    }

    private static JsonNode body(HttpResponse<String> response, URI uri) throws IOException {
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError(uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private interface Probe<T> {
        Optional<T> poll() throws IOException, InterruptedException;
    }

    /** Polls until {@code probe} has a value; a connection refused or reset counts as "not yet". */
    private static <T> T await(String what, Duration timeout, Probe<T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "nothing yet";
        while (System.nanoTime() < deadline) {
            try {
                Optional<T> value = probe.poll();
                if (value.isPresent()) return value.get();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what + " (" + last
                + ")");
    }
}
