package dev.robust.eval.live;

import dev.robust.common.event.EvaluationResult;
import dev.robust.common.event.EventType;
import dev.robust.common.event.ModelRole;
import dev.robust.eval.fixtures.Evaluations;
import dev.robust.eval.fixtures.KafkaFixtures;
import dev.robust.kafka.embedded.testing.EmbeddedKafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live stream over real HTTP against the embedded broker: named events with Kafka positions as ids, and a
 * client that disconnects, misses results, reconnects with {@code Last-Event-ID} and gets exactly what it missed,
 * in order, before the live ones.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedKafkaTestResource.class)
class LiveStreamTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String RESULT_TYPE = EventType.EVALUATION_RESULT.ceType();

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @TestHTTPResource("/evaluations/stream")
    URL stream;

    /** One parsed Server-Sent Event. */
    record SseEvent(String id, String name, String data) {
        boolean isOf(String checkpointId, String corruption) {
            return data.contains("\"checkpoint_id\":\"" + checkpointId + "\"")
                    && data.contains("\"corruption\":\"" + corruption + "\"");
        }
    }

    /** A client connection whose events arrive on a queue, read by a thread of its own. */
    final class Connection implements AutoCloseable {
        final BlockingQueue<SseEvent> events = new LinkedBlockingQueue<>();
        final InputStream body;

        Connection(String lastEventId) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stream.toString()))
                    .header("Accept", "text/event-stream");
            if (lastEventId != null) request.header("Last-Event-ID", lastEventId);
            HttpResponse<InputStream> response = HttpClient.newHttpClient()
                    .sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream()).get(30, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
            body = response.body();
            Thread reader = new Thread(this::read, "sse-test-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String id = null, name = null;
                StringBuilder data = new StringBuilder();
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.isEmpty()) {
                        if (!data.isEmpty()) events.add(new SseEvent(id, name, data.toString()));
                        id = null;
                        name = null;
                        data.setLength(0);
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).trim());
                    }
                }
            } catch (IOException closed) {
                // The test hung up.
            }
        }

        SseEvent next() throws InterruptedException {
            SseEvent event = events.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(event, "no event within " + TIMEOUT);
            return event;
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    @Test
    void aClientThatReconnectsWithLastEventIdGetsWhatItMissedInOrderThenLiveResults() throws Exception {
        String run = "resume-" + System.nanoTime();
        String checkpoint = run + "-teacher-0";
        SseEvent lastSeen;
        try (KafkaFixtures kafka = new KafkaFixtures(kafkaConfig); Connection first = new Connection(null)) {
            // The stream starts at the end of the topic once its consumer is positioned; publish until it is.
            lastSeen = publishUntilSeen(kafka, first, Evaluations.ok(run, ModelRole.TEACHER, 0, "clean", 0, 9, 10),
                    checkpoint, "clean");
            assertEquals(RESULT_TYPE, lastSeen.name());
            assertTrue(lastSeen.id().matches("\\d+:\\d+(,\\d+:\\d+)*"), lastSeen.id());
        }

        // Disconnected: these three are missed.
        List<String> missed = List.of("fog", "snow", "frost");
        try (KafkaFixtures kafka = new KafkaFixtures(kafkaConfig)) {
            for (String corruption : missed) {
                kafka.publish(Evaluations.ok(run, ModelRole.TEACHER, 0, corruption, 5, 4, 10));
            }
        }

        try (KafkaFixtures kafka = new KafkaFixtures(kafkaConfig); Connection again = new Connection(lastSeen.id())) {
            List<String> replayed = new ArrayList<>();
            while (replayed.size() < missed.size()) {
                SseEvent event = again.next();
                assertEquals(RESULT_TYPE, event.name());
                if (event.isOf(checkpoint, "clean")) continue; // an extra copy published after the one we saw
                replayed.add(missed.stream().filter(c -> event.isOf(checkpoint, c)).findFirst()
                        .orElseThrow(() -> new AssertionError("unexpected event " + event)));
            }
            assertEquals(missed, replayed, "the missed results, in the order they were published");

            kafka.publish(Evaluations.ok(run, ModelRole.STUDENT, 0, "clean", 0, 8, 10));
            SseEvent live = again.next();
            assertTrue(live.isOf(run + "-student-0", "clean"), "then the live ones: " + live);
        }
    }

    @Test
    void aLastEventIdThisStreamNeverWroteIsAProblemNamingTheExpectedForm() {
        given().header("Accept", "text/event-stream").header("Last-Event-ID", "yesterday")
                .get("/evaluations/stream").then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body(containsString("<partition>:<next offset>"));
    }

    private static SseEvent publishUntilSeen(KafkaFixtures kafka, Connection connection, EvaluationResult result,
                                             String checkpoint, String corruption) throws InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            kafka.publish(result);
            SseEvent event = connection.events.poll(2, TimeUnit.SECONDS);
            while (event != null) {
                if (event.isOf(checkpoint, corruption)) {
                    // Take the newest copy that has arrived, so the replay starts after every copy seen.
                    SseEvent newer;
                    while ((newer = connection.events.poll(500, TimeUnit.MILLISECONDS)) != null) event = newer;
                    return event;
                }
                event = connection.events.poll();
            }
        }
        throw new AssertionError("no live event for " + checkpoint + " within " + TIMEOUT);
    }
}
