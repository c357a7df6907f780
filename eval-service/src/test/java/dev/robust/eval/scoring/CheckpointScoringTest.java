package dev.robust.eval.scoring;

import dev.robust.common.checkpoint.CheckpointStore;
import dev.robust.common.checkpoint.FileCheckpointStore;
import dev.robust.common.corruption.Corruption;
import dev.robust.common.dataset.SyntheticSource;
import dev.robust.common.dataset.Split;
import dev.robust.common.event.CheckpointCreated;
import dev.robust.common.event.Comparison;
import dev.robust.common.event.EvaluationResult;
import dev.robust.common.event.EvaluationSummary;
import dev.robust.common.event.ModelKind;
import dev.robust.common.event.ModelRole;
import dev.robust.common.event.RecordKeys;
import dev.robust.common.image.LabeledImage;
import dev.robust.common.prediction.Predictions;
import dev.robust.common.prediction.PredictionsCodec;
import dev.robust.common.prediction.SlicePredictions;
import dev.robust.common.stats.Calibration;
import dev.robust.common.stats.McNemar;
import dev.robust.common.topic.DeadLetterHeaders;
import dev.robust.common.topic.Topics;
import dev.robust.engine.Engines;
import dev.robust.engine.Logits;
import dev.robust.engine.Model;
import dev.robust.eval.config.EvalConfig;
import dev.robust.eval.fixtures.KafkaFixtures;
import dev.robust.eval.fixtures.ScoringData;
import dev.robust.eval.fixtures.TinyCheckpoint;
import dev.robust.kafka.embedded.testing.EmbeddedKafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.robust.eval.fixtures.KafkaFixtures.key;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scoring path end to end on the embedded broker: checkpoint event in, evaluation events and a summary out,
 * with the counts checked against an in-memory evaluation of the same model on the same images.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedKafkaTestResource.class)
class CheckpointScoringTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final List<Corruption> PRESENT = ScoringData.PRESENT;
    private static final int CLEAN_IMAGES = ScoringData.CLEAN_IMAGES;
    private static final SyntheticSource SYNTHETIC = ScoringData.SYNTHETIC;
    /** The store outlives a test run (target/), and a checkpoint id is written once: fresh run ids every run. */
    private static final String RUN_SUFFIX = Long.toString(System.currentTimeMillis(), 36);

    private List<LabeledImage> cleanImages;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    EvalConfig config;

    private KafkaFixtures kafka;

    @BeforeEach
    void produceDataTopicsOnce() throws Exception {
        kafka = new KafkaFixtures(kafkaConfig);
        ScoringData.produce(kafka);
        cleanImages = ScoringData.clean();
    }

    @AfterEach
    void closeKafka() {
        kafka.close();
    }

    @Test
    void scoresCleanAndEveryCorruptionSliceExactlyAsAnInMemoryEvaluation() throws Exception {
        TinyCheckpoint checkpoint = TinyCheckpoint.train(store(), "score-run" + RUN_SUFFIX, ModelRole.TEACHER, 0,
                SYNTHETIC.readAll(Split.TRAIN), 12);
        kafka.publish(checkpoint.event());

        // An epoch checkpoint: its corrupted slices take the epoch cap, below the final models' one.
        int cap = config.epoch().imagesPerSeverity().orElseThrow();
        assertTrue(cap < config.imagesPerSeverity().orElseThrow(), "the test config sets a smaller epoch cap");
        Map<String, EvaluationResult> results = kafka.awaitResults(checkpoint.event().checkpointId(),
                1 + PRESENT.size() * 5, TIMEOUT);
        EvaluationSummary summary = kafka.awaitSummary(checkpoint.event().checkpointId(), TIMEOUT);

        Model model = Engines.named(TinyCheckpoint.ENGINE).load(store().resolve(checkpoint.stored().uri()));
        EvaluationResult clean = results.get(RecordKeys.evaluation(checkpoint.event().checkpointId(), "clean", 0));
        assertEquals(CLEAN_IMAGES, clean.total(), "re-ingested images count once");
        assertEquals(correctInMemory(model, cleanImages), clean.correct());
        for (Corruption corruption : PRESENT) {
            for (int severity = 1; severity <= 5; severity++) {
                EvaluationResult result = results.get(RecordKeys.evaluation(checkpoint.event().checkpointId(),
                        corruption.id(), severity));
                assertNotNull(result, corruption.id() + " severity " + severity);
                List<LabeledImage> firstImages = ScoringData.corrupted(corruption, severity).subList(0, cap);
                assertEquals(cap, result.total(), "capped at robust.eval.epoch.images-per-severity");
                assertEquals(correctInMemory(model, firstImages), result.correct(),
                        corruption.id() + " severity " + severity);
                assertEquals((double) result.correct() / result.total(), result.top1(), 1e-12);
            }
        }

        assertEquals(clean.top1(), summary.cleanTop1(), 1e-12);
        double sev5 = PRESENT.stream().mapToDouble(c -> results.get(RecordKeys.evaluation(
                checkpoint.event().checkpointId(), c.id(), 5)).top1()).average().orElseThrow();
        assertEquals(sev5, summary.cSev5(), 1e-12);
        Set<String> missing = Set.copyOf(summary.missing());
        assertEquals(Corruption.values().length - PRESENT.size(), missing.size());
        PRESENT.forEach(c -> assertTrue(!missing.contains(c.id()), c.id() + " was scored"));
        assertEquals(EvaluationSummary.Status.PARTIAL, summary.status());

        // Likelihood and calibration of the clean slice, against a plain softmax of the loaded model's logits.
        Logits logits = model.predict(TinyCheckpoint.batch(cleanImages));
        double nll = 0;
        long[] binImages = new long[Calibration.BINS];
        long[] binCorrect = new long[Calibration.BINS];
        for (int i = 0; i < cleanImages.size(); i++) {
            double[] p = softmax(logits.row(i));
            int label = cleanImages.get(i).label();
            nll -= Math.log(p[label]);
            int top = logits.predictedClass(i);
            int bin = Calibration.bin(p[top]);
            binImages[bin]++;
            if (top == label) binCorrect[bin]++;
        }
        assertTrue(clean.hasLikelihoods(), "a v2 result carries NLL and calibration");
        assertEquals(nll, clean.nllSum(), 1e-4 * nll);
        for (int b = 0; b < Calibration.BINS; b++) {
            assertEquals(binImages[b], clean.calibration().get(b).images(), "bin " + b);
            assertEquals(binCorrect[b], clean.calibration().get(b).correct(), "bin " + b);
        }
        assertEquals(clean.ece(), summary.metrics().clean().ece(), 1e-12);
        assertEquals(nll / CLEAN_IMAGES, summary.metrics().clean().nll(), 1e-4);
        assertEquals(PRESENT.size() * 5, summary.metrics().benchmarkSlices(),
                "the two corruptions present are benchmark corruptions");
        assertEquals(null, summary.metrics().mce(), "2 of the 15 benchmark corruptions: no mCE");
        // The same through the REST API, and a baseline the checkpoint cannot be normalized to.
        String id = checkpoint.event().checkpointId();
        // As doubles: JsonPath reads JSON numbers as floats by default, 7 digits.
        var robustness = given().get("/checkpoints/" + id + "/robustness").then().statusCode(200).extract()
                .jsonPath().using(JsonPathConfig.jsonPathConfig().numberReturnType(NumberReturnType.DOUBLE));
        assertEquals(clean.ece(), robustness.getDouble("metrics.clean.ece"), 1e-9);
        assertEquals(PRESENT.size() * 5, robustness.getInt("metrics.benchmark_slices"));
        given().get("/checkpoints/" + id + "/robustness?baseline=" + id).then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("field", equalTo("baseline"))
                .body("detail", containsString("of the 75 benchmark slices"));

        List<ConsumerRecord<byte[], byte[]>> dead = kafka.await(Topics.dlq(Topics.cifar10c(Corruption.FOG)),
                record -> true, records -> !records.isEmpty(), TIMEOUT);
        assertEquals("3/2", new String(dead.get(0).key(), StandardCharsets.UTF_8));
        assertTrue(header(dead.get(0), DeadLetterHeaders.REASON).contains("labelled-image"),
                header(dead.get(0), DeadLetterHeaders.REASON));
    }

    @Test
    void publishesEveryImagesPredictionAndComparesTheFinalStudentWithEachFinalTeacher() throws Exception {
        String run = "verdict-run" + RUN_SUFFIX;
        List<LabeledImage> training = SYNTHETIC.readAll(Split.TRAIN);
        TinyCheckpoint raw = TinyCheckpoint.train(store(), run, ModelRole.TEACHER, 0, training, 3)
                .asFinal(ModelKind.RAW, run + "-teacher-1-raw");
        TinyCheckpoint swa = TinyCheckpoint.train(store(), run, ModelRole.TEACHER, 1, training, 12)
                .asFinal(ModelKind.SWA, run + "-teacher-1");
        TinyCheckpoint student = TinyCheckpoint.train(store(), run, ModelRole.STUDENT, 0, training, 7)
                .asFinal(ModelKind.FINAL, run + "-student-1");
        for (TinyCheckpoint checkpoint : List.of(raw, swa, student)) kafka.publish(checkpoint.event());

        EvaluationSummary summary = kafka.awaitSummary(student.event().checkpointId(), TIMEOUT);
        assertEquals("student", summary.modelName());
        Model studentModel = Engines.named(TinyCheckpoint.ENGINE).load(store().resolve(student.stored().uri()));
        Logits studentLogits = studentModel.predict(TinyCheckpoint.batch(cleanImages));

        // The clean predictions on the topic are the model's own, image by image, with the correct bit.
        String cleanKey = RecordKeys.evaluation(student.event().checkpointId(), "clean", 0);
        ConsumerRecord<byte[], byte[]> record = kafka.await(Topics.EVALUATION_PREDICTIONS,
                r -> cleanKey.equals(key(r)), records -> !records.isEmpty(), TIMEOUT).get(0);
        Predictions predictions = PredictionsCodec.decode(record.value());
        assertEquals("final", header(record, SlicePredictions.HEADER_KIND));
        assertEquals(CLEAN_IMAGES, predictions.scoredCount());
        for (int i = 0; i < CLEAN_IMAGES; i++) {
            assertEquals(studentLogits.predictedClass(i), predictions.predictedClass(i), "image " + i);
            assertEquals(studentLogits.predictedClass(i) == cleanImages.get(i).label(), predictions.correct(i));
        }

        for (TinyCheckpoint teacher : List.of(raw, swa)) {
            Logits teacherLogits = Engines.named(TinyCheckpoint.ENGINE).load(store().resolve(teacher.stored().uri()))
                    .predict(TinyCheckpoint.batch(cleanImages));
            long studentOnly = 0;
            long teacherOnly = 0;
            for (int i = 0; i < CLEAN_IMAGES; i++) {
                boolean s = studentLogits.predictedClass(i) == cleanImages.get(i).label();
                boolean t = teacherLogits.predictedClass(i) == cleanImages.get(i).label();
                if (s && !t) studentOnly++;
                if (t && !s) teacherOnly++;
            }
            String id = teacher.event().checkpointId();
            Comparison clean = summary.comparisons().stream()
                    .filter(c -> c.baselineCheckpointId().equals(id) && c.slice().equals("clean")).findFirst()
                    .orElseThrow(() -> new AssertionError("no clean comparison against " + id + ": "
                            + summary.comparisons()));
            assertEquals(CLEAN_IMAGES, clean.images());
            assertEquals(studentOnly, clean.onlyThisCorrect());
            assertEquals(teacherOnly, clean.onlyBaselineCorrect());
            assertEquals(McNemar.exactPValue(studentOnly, teacherOnly), clean.pValue(), 1e-12);
            assertEquals(teacher.event().modelName(), clean.baselineName());
            Comparison pooled = summary.comparisons().stream()
                    .filter(c -> c.baselineCheckpointId().equals(id) && c.slice().equals(Comparison.C_SEV5))
                    .findFirst().orElseThrow();
            assertEquals(PRESENT.size() * config.imagesPerSeverity().orElseThrow(), pooled.images(),
                    "severity-5 images of every corruption scored, pooled, at the final models' cap");
        }
        assertEquals(List.of("raw teacher (before SWA)", "SWA teacher"), summary.comparisons().stream()
                .map(Comparison::baselineName).distinct().toList());
        assertEquals(2 * (2 + PRESENT.size()), summary.comparisons().size(), "clean, C-sev5 and each corruption");
    }

    @Test
    void reScoringACheckpointRepublishesUnderTheSameKeys() throws Exception {
        TinyCheckpoint checkpoint = TinyCheckpoint.train(store(), "rescore-run" + RUN_SUFFIX, ModelRole.TEACHER, 0,
                SYNTHETIC.readAll(Split.TRAIN), 2);
        String id = checkpoint.event().checkpointId();
        kafka.publish(checkpoint.event());
        kafka.publish(checkpoint.event()); // as after a crash before the offset commit

        kafka.await(Topics.EVALUATION_SUMMARIES, record -> id.equals(key(record)), records -> records.size() == 2,
                TIMEOUT);
        int slices = 1 + PRESENT.size() * 5;
        List<ConsumerRecord<byte[], byte[]>> published = kafka.await(Topics.EVALUATIONS,
                record -> key(record).startsWith(id + "/"), records -> records.size() >= 2 * slices, TIMEOUT);
        assertEquals(2 * slices, published.size());
        assertEquals(slices, published.stream().map(KafkaFixtures::key).distinct().count());
        Instant deadline = Instant.now().plus(TIMEOUT);
        int visible = -1;
        while (visible != slices && Instant.now().isBefore(deadline)) {
            visible = given().get("/evaluations?run=" + checkpoint.event().runId()).jsonPath().getList("$").size();
            Thread.sleep(200);
        }
        assertEquals(slices, visible, "the query table shows each slice once");
    }

    @Test
    void aChecksumMismatchYieldsAFailedEventADeadLetterAndNoScores() throws Exception {
        TinyCheckpoint checkpoint = TinyCheckpoint.train(store(), "tampered-run" + RUN_SUFFIX, ModelRole.STUDENT, 1,
                SYNTHETIC.readAll(Split.TRAIN), 2);
        CheckpointCreated original = checkpoint.event();
        CheckpointCreated tampered = new CheckpointCreated(original.checkpointId(), original.runId(), original.role(),
                original.epoch(), original.model(), original.engine(), original.format(), original.uri(),
                "0".repeat(64), original.bytes(), original.metrics(), false, original.dataset(),
                original.createdAt());
        kafka.publish(tampered);

        EvaluationSummary summary = kafka.awaitSummary(original.checkpointId(), TIMEOUT);
        assertEquals(EvaluationSummary.Status.FAILED, summary.status());
        Map<String, EvaluationResult> results = kafka.awaitResults(original.checkpointId(), 1, TIMEOUT);
        assertEquals(1, results.size(), "nothing scored");
        EvaluationResult failed = results.values().iterator().next();
        assertEquals(EvaluationResult.Status.FAILED, failed.status());
        assertEquals(0, failed.total());
        assertTrue(failed.error().contains("sha256"), failed.error());

        List<ConsumerRecord<byte[], byte[]>> dead = kafka.await(Topics.dlq(Topics.MODEL_CHECKPOINTS),
                record -> original.recordKey().equals(key(record)), records -> !records.isEmpty(), TIMEOUT);
        assertTrue(header(dead.get(0), DeadLetterHeaders.REASON).contains("does not match its claim check"));
    }

    @Test
    void aMalformedCheckpointRecordGoesToTheDeadLetterTopicAndScoringGoesOn() throws Exception {
        kafka.send(Topics.MODEL_CHECKPOINTS, "garbage/teacher/0", "{not an event".getBytes(StandardCharsets.UTF_8));
        TinyCheckpoint next = TinyCheckpoint.train(store(), "after-garbage-run" + RUN_SUFFIX, ModelRole.TEACHER, 2,
                SYNTHETIC.readAll(Split.TRAIN), 2);
        kafka.publish(next.event());

        List<ConsumerRecord<byte[], byte[]>> dead = kafka.await(Topics.dlq(Topics.MODEL_CHECKPOINTS),
                record -> "garbage/teacher/0".equals(key(record)), records -> !records.isEmpty(), TIMEOUT);
        assertEquals("{not an event", new String(dead.get(0).value(), StandardCharsets.UTF_8));
        assertEquals(Topics.MODEL_CHECKPOINTS, header(dead.get(0), DeadLetterHeaders.ORIGINAL_TOPIC));
        assertNotNull(kafka.awaitSummary(next.event().checkpointId(), TIMEOUT).cleanTop1(),
                "the next checkpoint is scored");
    }

    private FileCheckpointStore store() {
        return CheckpointStore.open(Path.of(config.checkpointStore()));
    }

    private static long correctInMemory(Model model, List<LabeledImage> images) {
        Logits logits = model.predict(TinyCheckpoint.batch(images));
        long correct = 0;
        for (int i = 0; i < images.size(); i++) {
            if (logits.predictedClass(i) == images.get(i).label()) correct++;
        }
        return correct;
    }

    /** A plain softmax in double precision, for logits as small as a few-step model's. */
    private static double[] softmax(float[] logits) {
        double[] p = new double[logits.length];
        double sum = 0;
        for (int c = 0; c < logits.length; c++) sum += p[c] = Math.exp(logits[c]);
        for (int c = 0; c < logits.length; c++) p[c] /= sum;
        return p;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
