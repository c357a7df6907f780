package dev.robust.eval.onnx;

import dev.robust.common.ProjectVersion;
import dev.robust.common.checkpoint.CheckpointStore;
import dev.robust.common.checkpoint.FileCheckpointStore;
import dev.robust.common.corruption.Corruption;
import dev.robust.common.dataset.Split;
import dev.robust.common.dataset.SyntheticSource;
import dev.robust.common.event.CheckpointCreated;
import dev.robust.common.event.EvaluationResult;
import dev.robust.common.event.EvaluationSummary;
import dev.robust.common.event.ModelInput;
import dev.robust.common.event.ModelKind;
import dev.robust.common.event.ModelRole;
import dev.robust.common.event.Provenance;
import dev.robust.common.event.RecordKeys;
import dev.robust.common.image.LabeledImage;
import dev.robust.common.image.Preprocessing;
import dev.robust.common.prediction.Predictions;
import dev.robust.common.prediction.PredictionsCodec;
import dev.robust.common.topic.Topics;
import dev.robust.engine.Engines;
import dev.robust.engine.Logits;
import dev.robust.engine.onnx.OnnxExportable;
import dev.robust.eval.config.EvalConfig;
import dev.robust.eval.fixtures.KafkaFixtures;
import dev.robust.eval.fixtures.OnnxFixtures;
import dev.robust.eval.fixtures.ScoringData;
import dev.robust.eval.fixtures.TinyCheckpoint;
import dev.robust.kafka.embedded.testing.EmbeddedKafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static dev.robust.eval.fixtures.KafkaFixtures.decode;
import static dev.robust.eval.fixtures.KafkaFixtures.key;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /models} end to end on the embedded broker: the PyTorch-made fixture in, a claim check on
 * {@code model.checkpoints}, results and a summary out on the same slices as an engine checkpoint; every bad model
 * refused with a problem and nothing stored or announced.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedKafkaTestResource.class)
class ModelImportTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Corruption PRESENT = Corruption.GAUSSIAN_NOISE;
    /** The store and broker outlive one test: fresh names every run. */
    private static final String SUFFIX = Long.toString(System.currentTimeMillis(), 36);


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
    }

    @AfterEach
    void closeKafka() {
        kafka.close();
    }

    @Test
    void thePyTorchFixtureIsScoredOnEverySliceToACompleteSummaryAsOrtScoresItInMemory() throws Exception {
        String name = "smallnet-" + SUFFIX;
        Response answer = submit(OnnxFixtures.read(OnnxFixtures.NCHW), name, "[-1,1]");
        answer.then().statusCode(202)
                .body("engine", equalTo("onnxruntime"))
                .body("format", equalTo("onnx"))
                .body("kind", equalTo("imported"))
                .body("input.layout", equalTo("nchw"))
                .body("input.preprocessing", equalTo("[-1,1]"));
        String checkpointId = answer.jsonPath().getString("checkpoint_id");
        assertTrue(answer.header("Location").endsWith("/checkpoints/" + checkpointId + "/report"));

        CheckpointCreated claim = (CheckpointCreated) decode(kafka.await(Topics.MODEL_CHECKPOINTS,
                r -> key(r).startsWith("imported-" + name + "/"), records -> !records.isEmpty(), TIMEOUT).get(0));
        assertEquals(checkpointId, claim.checkpointId());
        assertEquals(ModelKind.IMPORTED, claim.kind());
        assertEquals(Files.size(OnnxFixtures.path(OnnxFixtures.NCHW)), claim.bytes());
        // No publisher declared: the claim check says so, with the version that wrote it; no profile or seed.
        assertEquals(new Provenance(Provenance.UNDECLARED, null, null, ProjectVersion.current()), claim.provenance());

        EvaluationSummary summary = kafka.awaitSummary(checkpointId, TIMEOUT);
        assertEquals("imported model", summary.modelName());
        assertEquals("imported-" + name, summary.runId());
        // Other test classes of this module may have filled other corruption topics of the shared broker.
        assertFalse(summary.missing().contains(PRESENT.id()), PRESENT.id() + " was scored: " + summary.missing());
        int cap = config.imagesPerSeverity().orElseThrow();
        Map<String, EvaluationResult> results = kafka.awaitResults(checkpointId, 1 + 5, TIMEOUT);
        try (OnnxClassifier model = OnnxClassifier.open(OnnxFixtures.path(OnnxFixtures.NCHW),
                Preprocessing.parse("preprocess", "[-1,1]"))) {
            EvaluationResult clean = results.get(RecordKeys.evaluation(checkpointId, "clean", 0));
            assertEquals(ScoringData.CLEAN_IMAGES, clean.total());
            assertEquals(correct(model, ScoringData.clean()), clean.correct());
            assertTrue(clean.top1() > 0.5, "the fixture learnt the synthetic classes: clean top-1 " + clean.top1());
            for (int severity = 1; severity <= 5; severity++) {
                EvaluationResult result = results.get(RecordKeys.evaluation(checkpointId, PRESENT.id(), severity));
                assertEquals(cap, result.total());
                assertEquals(correct(model, ScoringData.corrupted(PRESENT, severity).subList(0, cap)), result.correct());
            }
        }
        assertEquals(results.get(RecordKeys.evaluation(checkpointId, "clean", 0)).top1(), summary.cleanTop1(), 1e-12);
    }

    @Test
    void aTorchCheckpointExportedAndSubmittedBackPredictsWhatTheCheckpointDoesImageByImage() throws Exception {
        // A final model, as the imported one is: both are scored on the final models' caps, image for image.
        String run = "export-run-" + SUFFIX;
        TinyCheckpoint checkpoint = TinyCheckpoint.train("torch", store(), run, ModelRole.TEACHER, 0,
                new SyntheticSource(42, 256, 0).readAll(Split.TRAIN), 8).asFinal(ModelKind.SWA, run + "-teacher-0");
        Path exported = Files.createTempFile("exported-", ".onnx");
        try {
            ((OnnxExportable) Engines.named("torch").load(store().resolve(checkpoint.stored().uri()))).exportOnnx(exported);
            kafka.publish(checkpoint.event());
            String imported = submit(Files.readAllBytes(exported), "exported-" + SUFFIX,
                    OnnxExportable.PREPROCESSING).then().statusCode(202).extract().path("checkpoint_id");
            for (String slice : List.of(RecordKeys.evaluation(checkpoint.event().checkpointId(), "clean", 0),
                    RecordKeys.evaluation(checkpoint.event().checkpointId(), PRESENT.id(), 5))) {
                String importedSlice = imported + slice.substring(checkpoint.event().checkpointId().length());
                List<ConsumerRecord<byte[], byte[]>> both = kafka.await(Topics.EVALUATION_PREDICTIONS,
                        r -> key(r).equals(slice) || key(r).equals(importedSlice),
                        records -> records.stream().map(KafkaFixtures::key).distinct().count() == 2, TIMEOUT);
                Predictions original = PredictionsCodec.decode(both.stream().filter(r -> key(r).equals(slice))
                        .findFirst().orElseThrow().value());
                Predictions roundTrip = PredictionsCodec.decode(both.stream()
                        .filter(r -> key(r).equals(importedSlice)).findFirst().orElseThrow().value());
                assertTrue(original.scoredCount() > 0, slice);
                assertArrayEquals(original.codes(), roundTrip.codes(), slice + ": same class for every image");
            }
        } finally {
            Files.deleteIfExists(exported);
        }
    }

    @Test
    void theChannelsLastExportWithItsOwnPreprocessingPredictsWhatTheChannelsFirstOneDoes() {
        Path nchw = OnnxFixtures.path(OnnxFixtures.NCHW);
        Path nhwc = OnnxFixtures.path(OnnxFixtures.NHWC);
        try (OnnxClassifier first = OnnxClassifier.open(nchw, Preprocessing.parse("p", "[-1,1]"));
             OnnxClassifier last = OnnxClassifier.open(nhwc, Preprocessing.parse("p", "[0,1]"))) {
            assertEquals(ModelInput.Layout.NCHW, first.layout());
            assertEquals(ModelInput.Layout.NHWC, last.layout());
            Logits a = first.predict(TinyCheckpoint.batch(ScoringData.clean()));
            Logits b = last.predict(TinyCheckpoint.batch(ScoringData.clean()));
            for (int i = 0; i < a.values().length; i++) assertEquals(a.values()[i], b.values()[i], 1e-4);
            // Declaring the wrong preprocessing changes what the model sees: the logits move.
            try (OnnxClassifier wrong = OnnxClassifier.open(nchw, Preprocessing.parse("p", "[0,1]"))) {
                Logits c = wrong.predict(TinyCheckpoint.batch(ScoringData.clean()));
                assertFalse(java.util.Arrays.equals(a.values(), c.values()));
            }
        }
    }

    @Test
    void refusesEveryModelItCannotScoreWithAProblemAndAnnouncesNothing() throws Exception {
        byte[] good = OnnxFixtures.read(OnnxFixtures.NCHW);
        byte[] noise = new byte[4096];
        new SplittableRandom(5).nextBytes(noise);
        refused(noise, "noise", "[-1,1]", 400, "body", "cannot open");
        refused(OnnxFixtures.read(OnnxFixtures.SEVEN_CLASSES), "seven", "[-1,1]", 400, "body", "N×10 logits");
        refused(OnnxFixtures.read(OnnxFixtures.FLAT), "flat", "[-1,1]", 400, "body", "rank 2");
        refused(OnnxFixtures.read(OnnxFixtures.UNKNOWN_OPERATOR), "unknown-op", "[-1,1]", 400, "body",
                "Entangle");
        // ONNX Runtime opens opset 12 (the check is the service's, not a load failure); the same bytes at 13 pass.
        refused(OnnxFixtures.withDefaultOpset(good, 12), "opset12", "[-1,1]", 400, "body",
                "opset_import: the model imports opset 12 of the default ONNX domain; expected 13 or later");
        OnnxClassifier.open(writeTemporary(OnnxFixtures.withDefaultOpset(good, 13)),
                Preprocessing.parse("p", "[-1,1]")).close();
        refused(new byte[600 * 1024], "huge", "[-1,1]", 413, null, "max-body-size");
        refused(good, "badprep", "imagenet", 400, "preprocess", "mean=");
        refused(good, "bad/name", "[-1,1]", 400, "name", "letters");
        given().contentType("application/octet-stream").body(good).queryParam("name", "badpub-" + SUFFIX)
                .queryParam("preprocess", "[-1,1]").queryParam("publisher", "<script>")
                .post("/models").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("publisher")).body("detail", containsString("'<script>'"));
        refused(new byte[0], "empty", "[-1,1]", 400, null, "empty");

        // None of them reached the store or model.checkpoints; a good model submitted after them is announced.
        String after = "after-refusals-" + SUFFIX;
        submit(good, after, "[0,1]").then().statusCode(202);
        List<ConsumerRecord<byte[], byte[]>> announced = kafka.await(Topics.MODEL_CHECKPOINTS,
                r -> key(r).startsWith("imported-"), records -> records.stream()
                        .anyMatch(r -> key(r).startsWith("imported-" + after + "/")), TIMEOUT);
        for (String refusedName : List.of("noise", "seven", "flat", "unknown-op", "opset12", "huge", "badprep",
                "empty", "badpub")) {
            String run = "imported-" + refusedName + "-" + SUFFIX;
            assertTrue(announced.stream().noneMatch(r -> key(r).startsWith(run + "/")), run + " was announced");
            assertFalse(Files.exists(store().root().resolve(run)),
                    run + " reached the store");
        }
    }

    private void refused(byte[] body, String name, String preprocess, int status, String field, String detail) {
        String fullName = name.contains("/") ? name : name + "-" + SUFFIX;
        var then = submit(body, fullName, preprocess).then().statusCode(status)
                .contentType("application/problem+json")
                .body("detail", containsString(detail));
        if (field != null) then.body("field", equalTo(field));
    }

    private static Path writeTemporary(byte[] model) throws java.io.IOException {
        Path file = Files.createTempFile("model", ".onnx");
        file.toFile().deleteOnExit();
        return Files.write(file, model);
    }

    private static Response submit(byte[] model, String name, String preprocess) {
        return given().contentType("application/octet-stream").body(model)
                .queryParam("name", name).queryParam("preprocess", preprocess).queryParam("dataset", "synthetic")
                .post("/models");
    }

    private static long correct(OnnxClassifier model, List<LabeledImage> images) {
        Logits logits = model.predict(TinyCheckpoint.batch(images));
        return Stream.iterate(0, i -> i + 1).limit(images.size())
                .filter(i -> logits.predictedClass(i) == images.get(i).label()).count();
    }

    /** The service's store: a directory in the test configuration. */
    private FileCheckpointStore store() {
        return CheckpointStore.open(Path.of(config.checkpointStore()));
    }
}
