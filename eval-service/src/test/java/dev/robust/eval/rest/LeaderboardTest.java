package dev.robust.eval.rest;

import dev.robust.common.ProjectVersion;
import dev.robust.common.checkpoint.CheckpointStore;
import dev.robust.common.dataset.Split;
import dev.robust.common.event.EvaluationResult;
import dev.robust.common.event.EvaluationSummary;
import dev.robust.common.event.ModelRole;
import dev.robust.common.event.Provenance;
import dev.robust.common.event.RecordKeys;
import dev.robust.common.stats.CalibrationBin;
import dev.robust.eval.config.EvalConfig;
import dev.robust.eval.fixtures.KafkaFixtures;
import dev.robust.eval.fixtures.OnnxFixtures;
import dev.robust.eval.fixtures.ScoringData;
import dev.robust.eval.fixtures.TinyCheckpoint;
import dev.robust.kafka.embedded.testing.EmbeddedKafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /leaderboard} and the run report's header on checkpoints really scored through the service and the
 * embedded broker: a trained and an untrained model of one run, then an ONNX model submitted while the board is
 * read. The expected order comes from the summaries the scoring published on {@code evaluation.summaries}, not from
 * the code under test.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedKafkaTestResource.class)
class LeaderboardTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final String SUFFIX = Long.toString(System.currentTimeMillis(), 36);
    private static final String RUN = "board-" + SUFFIX;
    private static final Provenance TRAINED_HERE = new Provenance(Provenance.TRAINER, "ci", 7L,
            ProjectVersion.current());

    /** The two scored checkpoints' published summaries, made once for the class (scoring takes a while). */
    private static List<EvaluationSummary> scored;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    EvalConfig config;

    @Test
    void ranksTwoScoredCheckpointsEitherWayAndTakesInANewOneAsItIsScored() throws Exception {
        List<EvaluationSummary> pair = scoredPair();
        assertNotEquals(pair.get(0).cleanTop1(), pair.get(1).cleanTop1(),
                "fixture: the trained and the untrained model must differ on clean images");
        List<String> ids = pair.stream().map(EvaluationSummary::checkpointId).toList();
        JsonPath board = awaitBoard("?sort=clean_top1&order=desc", rows -> rows.containsAll(ids));
        assertEquals("clean_top1", board.getString("sort"));
        assertEquals("desc", board.getString("order"));
        assertEquals(expectedOrder(pair, EvaluationSummary::cleanTop1, true), idsAmong(board, ids));
        assertRanksCountUp(board);
        for (EvaluationSummary summary : pair) {
            Map<String, Object> row = row(board, summary.checkpointId());
            assertEquals(summary.cleanTop1(), ((Number) path(row, "scores.clean_top1")).doubleValue(), 1e-12);
            assertEquals(summary.cSev5(), ((Number) path(row, "scores.c_sev5")).doubleValue(), 1e-12);
            assertEquals(Provenance.TRAINER, path(row, "provenance.publisher"));
            assertEquals("ci", path(row, "provenance.profile"));
            assertEquals(7, ((Number) path(row, "provenance.seed")).intValue());
            assertEquals(ProjectVersion.current(), path(row, "provenance.version"));
            assertEquals(TinyCheckpoint.ENGINE, path(row, "provenance.engine"));
            assertEquals("synthetic", path(row, "provenance.data"));
            assertEquals(true, path(row, "provenance.synthetic"));
        }
        JsonPath ascending = awaitBoard("?sort=clean_top1&order=asc", rows -> rows.containsAll(ids));
        assertEquals(expectedOrder(pair, EvaluationSummary::cleanTop1, false), idsAmong(ascending, ids));

        // Without parameters: C-sev5, best first; every ranked value is at most the one above it.
        JsonPath byDefault = awaitBoard("", rows -> rows.containsAll(ids));
        assertEquals("c_sev5", byDefault.getString("sort"));
        assertEquals("desc", byDefault.getString("order"));
        assertEquals(List.of("clean_top1", "c_sev5", "c_all", "common_corruptions_accuracy", "mce", "clean_ece",
                "clean_nll"), byDefault.getList("metrics.name"));
        assertEquals(List.of("higher", "higher", "higher", "higher", "lower", "lower", "lower"),
                byDefault.getList("metrics.better"));
        List<Double> sev5 = byDefault.getList("rows.scores.c_sev5", Double.class).stream()
                .filter(java.util.Objects::nonNull).toList();
        for (int i = 1; i < sev5.size(); i++) {
            assertTrue(sev5.get(i) <= sev5.get(i - 1), "C-sev5 out of order at rank " + (i + 1) + ": " + sev5);
        }

        // A model from outside arrives while the board is being read: it shows up ranked, with its provenance.
        String name = "board-onnx-" + SUFFIX;
        String imported = given().contentType("application/octet-stream").body(OnnxFixtures.read(OnnxFixtures.NCHW))
                .queryParam("name", name).queryParam("preprocess", "[-1,1]").queryParam("dataset", "synthetic")
                .queryParam("publisher", "leaderboard-test")
                .post("/models").then().statusCode(202).extract().path("checkpoint_id");
        EvaluationSummary importedSummary;
        try (KafkaFixtures kafka = new KafkaFixtures(kafkaConfig)) {
            importedSummary = kafka.awaitSummary(imported, TIMEOUT);
        }
        List<String> three = List.of(ids.get(0), ids.get(1), imported);
        JsonPath updated = awaitBoard("?sort=clean_top1", rows -> rows.containsAll(three));
        assertEquals(expectedOrder(List.of(pair.get(0), pair.get(1), importedSummary), EvaluationSummary::cleanTop1,
                true), idsAmong(updated, three));
        Map<String, Object> row = row(updated, imported);
        assertEquals("leaderboard-test", path(row, "provenance.publisher"));
        assertEquals("onnxruntime", path(row, "provenance.engine"));
        assertEquals("imported", row.get("kind"));
        assertNull(path(row, "provenance.profile"), "a model trained elsewhere has no profile here");
        assertEquals(ProjectVersion.current(), path(row, "provenance.version"));
    }

    /**
     * Clean NLL and ECE, lower is better: without {@code order} the board lists the lowest first. Expected values
     * come straight from each checkpoint's clean result on {@code evaluations}: NLL = its summed NLL over its images,
     * ECE = Σ over the 15 bins of |right − summed confidence| over the images, worked here, not by the service's code.
     * mCE needs all 75 benchmark slices, which these data do not have: no row carries it, and they still rank.
     */
    @Test
    @SuppressWarnings("unchecked")
    void ranksByCleanNllAndEceLowestFirstWithValuesFromTheCleanResults() throws Exception {
        List<EvaluationSummary> pair = scoredPair();
        List<String> ids = pair.stream().map(EvaluationSummary::checkpointId).toList();
        Map<String, Double> nll = new HashMap<>();
        Map<String, Double> ece = new HashMap<>();
        try (KafkaFixtures kafka = new KafkaFixtures(kafkaConfig)) {
            for (String id : ids) {
                EvaluationResult clean = kafka.awaitResults(id, 1 + ScoringData.PRESENT.size() * 5, TIMEOUT)
                        .get(RecordKeys.evaluation(id, "clean", 0));
                assertTrue(clean.hasLikelihoods(), "fixture: the scoring writes likelihoods: " + clean);
                nll.put(id, clean.nllSum() / clean.total());
                double gap = 0;
                for (CalibrationBin bin : clean.calibration()) gap += Math.abs(bin.correct() - bin.confidenceSum());
                ece.put(id, gap / clean.total());
            }
        }
        assertNotEquals(nll.get(ids.get(0)), nll.get(ids.get(1)),
                "fixture: the trained and the untrained model must differ in clean NLL");

        JsonPath byNll = awaitBoard("?sort=clean_nll", rows -> rows.containsAll(ids));
        assertEquals("clean_nll", byNll.getString("sort"));
        assertEquals("asc", byNll.getString("order"), "lower is better, so the default order is ascending");
        assertEquals(ids.stream().sorted(Comparator.comparing(nll::get)).toList(), idsAmong(byNll, ids));
        for (String id : ids) {
            Map<String, Object> row = row(byNll, id);
            assertEquals(nll.get(id), ((Number) path(row, "scores.clean_nll")).doubleValue(), 1e-9);
            assertEquals(ece.get(id), ((Number) path(row, "scores.clean_ece")).doubleValue(), 1e-9);
            assertNull(path(row, "intervals.clean_ece"), "ECE has no interval");
            Map<String, Object> interval = (Map<String, Object>) path(row, "intervals.clean_nll");
            assertTrue(((Number) interval.get("low")).doubleValue() <= nll.get(id)
                    && nll.get(id) <= ((Number) interval.get("high")).doubleValue(), "NLL within its interval");
            assertNull(path(row, "scores.mce"), "2 of the 15 benchmark corruptions scored: no mCE");
        }
        JsonPath byEceDescending = awaitBoard("?sort=clean_ece&order=desc", rows -> rows.containsAll(ids));
        Comparator<String> eceDescending = Comparator.comparing(ece::get, Comparator.reverseOrder());
        assertEquals(ids.stream().sorted(eceDescending.thenComparing(Comparator.naturalOrder())).toList(),
                idsAmong(byEceDescending, ids));

        // Without mCE, the two still rank (last, by id) when the board is sorted by it, lowest first.
        JsonPath byMce = awaitBoard("?sort=mce", rows -> rows.containsAll(ids));
        assertEquals("asc", byMce.getString("order"));
        assertEquals(ids.stream().sorted().toList(), idsAmong(byMce, ids));
    }

    @Test
    void aBadSortKeyOrOrderIsAProblemNamingTheFieldAndWhatItMayBe() {
        given().get("/leaderboard?sort=top5").then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("sort"))
                .body("detail", containsString("[clean_top1, c_sev5, c_all, common_corruptions_accuracy, mce, "
                        + "clean_ece, clean_nll]"))
                .body("detail", containsString("'top5'"));
        given().get("/leaderboard?sort=c_all&order=up").then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("order"))
                .body("detail", containsString("[asc, desc]"));
    }

    @Test
    void theRunReportsHeaderNamesProfileEngineDataSeedAndVersionFromTheClaimChecks() throws Exception {
        scoredPair();
        JsonPath report = given().get("/runs/" + RUN + "/report").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("ci"), report.getList("header.profiles"));
        assertEquals(List.of(TinyCheckpoint.ENGINE), report.getList("header.engines"));
        assertEquals(List.of("synthetic"), report.getList("header.data"));
        assertEquals(true, report.getBoolean("header.synthetic"));
        assertEquals(List.of(7), report.getList("header.seeds"));
        assertEquals(List.of(ProjectVersion.current()), report.getList("header.versions"));
        assertEquals(List.of(Provenance.TRAINER), report.getList("header.publishers"));
        // The list of all runs carries the same header, for the dashboard's runs table.
        JsonPath runs = given().get("/runs").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("ci"), runs.getList("find { it.run_id == '" + RUN + "' }.header.profiles"));
    }

    /** A trained and an untrained smallcnn of run {@link #RUN}, announced with provenance and scored. */
    private synchronized List<EvaluationSummary> scoredPair() throws Exception {
        if (scored != null) return scored;
        try (KafkaFixtures kafka = new KafkaFixtures(kafkaConfig)) {
            ScoringData.produce(kafka);
            CheckpointStore store = CheckpointStore.open(Path.of(config.checkpointStore()));
            var training = ScoringData.SYNTHETIC.readAll(Split.TRAIN);
            TinyCheckpoint trained = TinyCheckpoint.train(store, RUN, ModelRole.TEACHER, 0, training, 24);
            TinyCheckpoint untrained = TinyCheckpoint.train(store, RUN, ModelRole.TEACHER, 1, training, 0);
            kafka.publish(trained.event().withProvenance(TRAINED_HERE));
            kafka.publish(untrained.event().withProvenance(TRAINED_HERE));
            scored = List.of(kafka.awaitSummary(trained.event().checkpointId(), TIMEOUT),
                    kafka.awaitSummary(untrained.event().checkpointId(), TIMEOUT));
        }
        return scored;
    }

    /** The ids in the leaderboard's specified order: by the metric, then by checkpoint id. */
    private static List<String> expectedOrder(List<EvaluationSummary> summaries,
                                              Function<EvaluationSummary, Double> metric, boolean descending) {
        Comparator<Double> values = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
        return summaries.stream()
                .sorted(Comparator.comparing(metric, values).thenComparing(EvaluationSummary::checkpointId))
                .map(EvaluationSummary::checkpointId).toList();
    }

    /** The board once its checkpoint ids satisfy {@code ready} (the table follows the topics a moment later). */
    private static JsonPath awaitBoard(String query, Predicate<List<String>> ready) throws InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (true) {
            var response = given().get("/leaderboard" + query);
            if (response.statusCode() == 200) {
                // Doubles, so that scores compare exactly with the summaries' (the default reads floats).
                JsonPath board = response.jsonPath(JsonPathConfig.jsonPathConfig()
                        .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
                if (ready.test(board.getList("rows.checkpoint_id"))) return board;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the leaderboard never held what was scored: " + response.asString());
            }
            Thread.sleep(250);
        }
    }

    private static List<String> idsAmong(JsonPath board, List<String> ids) {
        return board.getList("rows.checkpoint_id", String.class).stream().filter(ids::contains).toList();
    }

    private static void assertRanksCountUp(JsonPath board) {
        List<Number> ranks = board.getList("rows.rank", Number.class);
        for (int i = 0; i < ranks.size(); i++) assertEquals(i + 1, ranks.get(i).intValue());
    }

    private static Map<String, Object> row(JsonPath board, String checkpointId) {
        return board.getMap("rows.find { it.checkpoint_id == '" + checkpointId + "' }");
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> row, String dotted) {
        Object value = row;
        for (String part : dotted.split("\\.")) value = value == null ? null : ((Map<String, Object>) value).get(part);
        return value;
    }
}
