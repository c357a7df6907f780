package dev.robust.eval.streams;

import dev.robust.common.event.CheckpointCreated;
import dev.robust.common.event.Comparison;
import dev.robust.common.event.EvaluationResult;
import dev.robust.common.event.EvaluationSummary;
import dev.robust.common.event.EventCodec;
import dev.robust.common.event.ModelKind;
import dev.robust.common.event.ModelRole;
import dev.robust.common.event.Provenance;
import dev.robust.common.topic.Topics;
import dev.robust.common.stats.PairedDifference;
import dev.robust.eval.fixtures.Evaluations;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class EvaluationTopologyTest {
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> evaluations;

    @BeforeEach
    void startDriver() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "evaluation-topology-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(new EvaluationTopology().topology(), config);
        evaluations = driver.createInputTopic(Topics.EVALUATIONS, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void keepsTheLatestResultPerCheckpointCorruptionAndSeverity() {
        publish(Evaluations.ok("r1", ModelRole.TEACHER, 0, "fog", 5, 10, 100));
        publish(Evaluations.ok("r1", ModelRole.TEACHER, 0, "fog", 5, 42, 100));
        publish(Evaluations.ok("r1", ModelRole.TEACHER, 0, "fog", 4, 50, 100));

        List<EvaluationResult> results = queries().forCheckpoint("r1-teacher-0");
        assertEquals(2, results.size());
        assertEquals(4, results.get(0).severity());
        assertEquals(42, results.get(1).correct(), "the re-scored result replaced the first one");
    }

    @Test
    void answersByRunAndByCheckpointWithoutMixingPrefixes() {
        publish(Evaluations.ok("r1", ModelRole.TEACHER, 1, "clean", 0, 80, 100));
        publish(Evaluations.ok("r1", ModelRole.STUDENT, 1, "fog", 5, 60, 100));
        publish(Evaluations.ok("r11", ModelRole.TEACHER, 1, "clean", 0, 70, 100));

        assertEquals(List.of("r1-student-1", "r1-teacher-1"),
                queries().forRun("r1").stream().map(EvaluationResult::checkpointId).sorted().toList());
        assertEquals(1, queries().forCheckpoint("r1-teacher-1").size());
        assertEquals(3, queries().all().size());
    }

    @Test
    void ignoresRecordsThatAreNotEvaluationResults() {
        EvaluationResult result = Evaluations.ok("r2", ModelRole.TEACHER, 0, "clean", 0, 9, 10);
        publish(result);
        EvaluationSummary summary = EvaluationSummary.of(List.of(result));
        // A summary body under an evaluation key, and bytes that are not JSON: neither may become a table row.
        EventCodec.OutgoingEvent outgoing = EventCodec.encode(summary, "/test");
        evaluations.pipeInput(new TestRecord<>("r2-teacher-0/fog/5", outgoing.value(), headers(outgoing.headers())));
        evaluations.pipeInput("r2-teacher-0/fog/4", "garbage".getBytes(StandardCharsets.UTF_8));

        KeyValueStore<String, EvaluationResult> store = driver.getKeyValueStore(EvaluationTopology.STORE);
        assertNull(store.get("r2-teacher-0/fog/5"));
        assertNull(store.get("r2-teacher-0/fog/4"));
        assertEquals(List.of(result), queries().forCheckpoint("r2-teacher-0"));
    }

    @Test
    void keepsTheLatestPublishedSummaryPerCheckpointV1AndV2Alike() {
        TestInputTopic<String, byte[]> summaries = driver.createInputTopic(Topics.EVALUATION_SUMMARIES,
                new StringSerializer(), new ByteArraySerializer());
        EvaluationResult result = Evaluations.ok("r3", ModelRole.STUDENT, 2, "clean", 0, 70, 100);
        Comparison comparison = Comparison.of("r3-teacher-2", "SWA teacher", "clean", PairedDifference.of(100, 9, 3));
        EvaluationSummary v2 = EvaluationSummary.of(List.of(result)).withComparisons(List.of(comparison));
        EventCodec.OutgoingEvent outgoing = EventCodec.encode(v2, "/test");
        summaries.pipeInput(new TestRecord<>(outgoing.key(), outgoing.value(), headers(outgoing.headers())));
        assertEquals(List.of(comparison), queries().publishedSummary("r3-student-2").orElseThrow().comparisons());

        Map<String, byte[]> v1Headers = new java.util.HashMap<>(outgoing.headers());
        v1Headers.put("ce_type", "dev.robust.evaluation.summary.v1".getBytes(StandardCharsets.UTF_8));
        String v1 = "{\"checkpoint_id\":\"r3-student-1\",\"run_id\":\"r3\",\"role\":\"student\",\"epoch\":1,"
                + "\"dataset\":\"cifar10\",\"per_corruption\":{},\"missing\":[],\"status\":\"partial\"}";
        summaries.pipeInput(new TestRecord<>("r3-student-1", v1.getBytes(StandardCharsets.UTF_8), headers(v1Headers)));
        assertEquals(List.of(), queries().publishedSummary("r3-student-1").orElseThrow().comparisons());
        assertEquals(java.util.Optional.empty(), queries().publishedSummary("r3-teacher-2"));
    }

    @Test
    void holdsEveryRunsClaimChecksOfEveryVersionAndSkipsWhatIsNotOne() {
        TestInputTopic<String, byte[]> checkpoints = driver.createInputTopic(Topics.MODEL_CHECKPOINTS,
                new StringSerializer(), new ByteArraySerializer());
        CheckpointCreated v3 = claim("r4", 0).withProvenance(new Provenance(Provenance.TRAINER, "ci", 7L, "1.2.3"));
        CheckpointCreated v2 = claim("r4", 1);
        CheckpointCreated otherRun = claim("r44", 0);
        for (CheckpointCreated claim : List.of(v3, v2, otherRun)) {
            EventCodec.OutgoingEvent outgoing = EventCodec.encode(claim, "/test");
            Map<String, byte[]> headers = new java.util.HashMap<>(outgoing.headers());
            if (claim == v2) {
                headers.put("ce_type", "dev.robust.checkpoint.created.v2".getBytes(StandardCharsets.UTF_8));
            }
            checkpoints.pipeInput(new TestRecord<>(outgoing.key(), outgoing.value(), headers(headers)));
        }
        checkpoints.pipeInput("r4/teacher/2", "garbage".getBytes(StandardCharsets.UTF_8));
        checkpoints.pipeInput("r4/teacher/3", "{\"epoch\":3}".getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of(v3, v2), queries().claimChecks("r4"),
                "r44's claim check is not r4's, nor is JSON without ids");
        assertEquals(3, queries().claimChecks().size());
        assertEquals("ci", queries().claimChecks("r4").get(0).provenance().profile());
    }

    private static CheckpointCreated claim(String run, int epoch) {
        return new CheckpointCreated(run + "-teacher-" + epoch, run, ModelRole.TEACHER, epoch, "smallcnn", "dl4j",
                "dl4j-zip", run + "/" + run + "-teacher-" + epoch + ".dl4j-zip", "ab".repeat(32), 10L, Map.of(),
                false, "synthetic", java.time.Instant.parse("2026-01-02T03:04:05Z"), ModelKind.EPOCH);
    }

    private EvaluationQueries queries() {
        KeyValueStore<String, EvaluationResult> store = driver.getKeyValueStore(EvaluationTopology.STORE);
        return new EvaluationQueries(store, driver.getKeyValueStore(EvaluationTopology.SUMMARY_STORE),
                driver.getKeyValueStore(EvaluationTopology.CLAIM_STORE));
    }

    private void publish(EvaluationResult result) {
        EventCodec.OutgoingEvent outgoing = EventCodec.encode(result, "/test");
        evaluations.pipeInput(new TestRecord<>(outgoing.key(), outgoing.value(), headers(outgoing.headers())));
    }

    private static RecordHeaders headers(Map<String, byte[]> headers) {
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.forEach(recordHeaders::add);
        return recordHeaders;
    }
}
