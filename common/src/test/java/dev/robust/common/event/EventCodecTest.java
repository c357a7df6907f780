package dev.robust.common.event;

import dev.robust.common.image.RandAugmentGeometry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventCodecTest {
    @Test
    void everySampleSurvivesEncodeAndDecode() {
        for (Event event : SampleEvents.all()) {
            EventCodec.OutgoingEvent out = EventCodec.encode(event, "/test");
            assertEquals(EventType.of(event).topic(), out.topic());
            assertEquals(event.recordKey(), out.key());
            assertEquals(event, EventCodec.decode(out.headers(), out.value()));
        }
    }

    @Test
    void headersFollowTheKafkaBinaryBinding() {
        EventCodec.OutgoingEvent out = EventCodec.encode(SampleEvents.checkpoint(), "/trainer-service");
        assertEquals("1.0", header(out.headers(), "ce_specversion"));
        assertEquals("dev.robust.checkpoint.created.v3", header(out.headers(), "ce_type"));
        assertEquals("/trainer-service", header(out.headers(), "ce_source"));
        assertEquals("application/json", header(out.headers(), "content-type"));
        assertTrue(header(out.headers(), "ce_id").length() > 8);
        Instant.parse(header(out.headers(), "ce_time"));
    }

    @Test
    void headersRoundTrip() {
        CloudEventHeaders attributes = new CloudEventHeaders("id-1", "/eval-service",
                EventType.EVALUATION_RESULT.ceType(), Instant.parse("2025-01-02T03:04:05.678Z"));
        assertEquals(attributes, CloudEventHeaders.fromHeaders(attributes.toHeaders()));
    }

    @Test
    void jsonUsesSnakeCaseAndTheFinalFlag() {
        String json = new String(EventCodec.toJson(SampleEvents.checkpoint()), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"checkpoint_id\":\"r7-teacher-3\""), json);
        assertTrue(json.contains("\"final\":false"), json);
        assertTrue(json.contains("\"created_at\":\"2025-05-01T10:15:30Z\""), json);
    }

    @Test
    void runRequestWithoutEngineFromAnOlderBuildDecodesWithNoEngine() {
        EventCodec.OutgoingEvent out = EventCodec.encode(SampleEvents.all().get(0), "/test");
        String json = new String(out.value(), StandardCharsets.UTF_8);
        assertTrue(!json.contains("engine"), json);
        RunRequested decoded = (RunRequested) EventCodec.decode(out.headers(),
                "{\"run_id\":\"r1\",\"profile\":\"ci\",\"overrides\":{},\"config\":{},\"seed\":3}"
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(new RunRequested("r1", "ci", Map.of(), Map.of(), 3L), decoded);
        assertEquals(null, decoded.engine());
    }

    @Test
    void runRequestCarriesItsEngine() {
        RunRequested request = new RunRequested("r1", "ci", Map.of(), Map.of(), 3L, "dl4j");
        EventCodec.OutgoingEvent out = EventCodec.encode(request, "/test");
        assertTrue(new String(out.value(), StandardCharsets.UTF_8).contains("\"engine\":\"dl4j\""));
        assertEquals("dl4j", ((RunRequested) EventCodec.decode(out.headers(), out.value())).engine());
    }

    @Test
    void epochRequestCarriesItsGeometryAndOneFromAnOlderBuildMeansAbsolute() {
        EpochRequested request = new EpochRequested("r1", ModelRole.STUDENT, 0, 1L, 100,
                new AugmentationConfig(36, 32, true, 2, 9, RandAugmentGeometry.RELATIVE), 2);
        EventCodec.OutgoingEvent out = EventCodec.encode(request, "/test");
        String json = new String(out.value(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"randaugment_geometry\":\"relative\""), json);
        assertEquals(request, EventCodec.decode(out.headers(), out.value()));

        String older = json.replace(",\"randaugment_geometry\":\"relative\"", "");
        EpochRequested decoded = (EpochRequested) EventCodec.decode(out.headers(),
                older.getBytes(StandardCharsets.UTF_8));
        assertEquals(RandAugmentGeometry.ABSOLUTE, decoded.augmentation().randaugmentGeometry(), older);
    }

    @Test
    void summaryV1FromAnOlderProducerStillDecodesWithoutTheV2Fields() {
        Map<String, byte[]> headers = new CloudEventHeaders("id-1", "/eval-service",
                "dev.robust.evaluation.summary.v1", Instant.parse("2025-01-02T03:04:05Z")).toHeaders();
        String v1 = "{\"checkpoint_id\":\"r7-student-3\",\"run_id\":\"r7\",\"role\":\"student\",\"epoch\":3,"
                + "\"dataset\":\"cifar10\",\"clean_top1\":0.61,\"per_corruption\":{},\"missing\":[],"
                + "\"status\":\"partial\"}";
        EvaluationSummary summary = (EvaluationSummary) EventCodec.decode(headers, v1.getBytes(StandardCharsets.UTF_8));
        assertEquals(0.61, summary.cleanTop1());
        assertEquals(null, summary.cleanTop1Interval());
        assertEquals(java.util.List.of(), summary.comparisons());
        assertEquals("student epoch 3", summary.displayName());
    }

    @Test
    void resultV1FromAnOlderProducerStillDecodesWithoutLikelihoods() {
        Map<String, byte[]> headers = new CloudEventHeaders("id-3", "/eval-service",
                "dev.robust.evaluation.result.v1", Instant.parse("2025-01-02T03:04:05Z")).toHeaders();
        String v1 = "{\"checkpoint_id\":\"r7-student-3\",\"run_id\":\"r7\",\"role\":\"student\",\"epoch\":3,"
                + "\"engine\":\"torch\",\"dataset\":\"cifar10\",\"corruption\":\"fog\",\"severity\":2,"
                + "\"correct\":61,\"total\":100,\"top1\":0.61,\"status\":\"ok\"}";
        EvaluationResult result = (EvaluationResult) EventCodec.decode(headers, v1.getBytes(StandardCharsets.UTF_8));
        assertEquals(0.61, result.top1());
        assertEquals(false, result.hasLikelihoods());
        assertEquals(null, result.ece());
        assertEquals(null, result.meanNll());
        assertEquals(null, EvaluationSummary.of(java.util.List.of(result)).metrics().perCorruption().get("fog").nll());
    }

    @Test
    void resultsArePublishedAsV2WithTheirHistogram() {
        EvaluationResult likely = SampleEvents.likely(SampleEvents.result("fog", 3, 0.52));
        EventCodec.OutgoingEvent out = EventCodec.encode(likely, "/eval-service");
        assertEquals("dev.robust.evaluation.result.v2", header(out.headers(), "ce_type"));
        EvaluationResult back = (EvaluationResult) EventCodec.decode(out.headers(), out.value());
        assertEquals(likely, back);
        // Every image at .7, 52 % right: ECE |.52 − .7| = .18.
        assertEquals(0.18, back.ece(), 1e-12);
    }

    @Test
    void claimCheckV1FromAnOlderTrainerStillDecodesWithoutAnInput() {
        Map<String, byte[]> headers = new CloudEventHeaders("id-2", "/trainer-service",
                "dev.robust.checkpoint.created.v1", Instant.parse("2025-01-02T03:04:05Z")).toHeaders();
        String v1 = "{\"checkpoint_id\":\"r7-teacher-3\",\"run_id\":\"r7\",\"role\":\"teacher\",\"epoch\":3,"
                + "\"model\":\"resnet20\",\"engine\":\"torch\",\"format\":\"torch-zip\","
                + "\"uri\":\"r7/r7-teacher-3.torch-zip\",\"sha256\":\"" + "ab".repeat(32) + "\",\"bytes\":10,"
                + "\"metrics\":{},\"final\":false,\"dataset\":\"cifar10\",\"created_at\":\"2025-01-02T03:04:05Z\","
                + "\"kind\":\"epoch\"}";
        CheckpointCreated claim = (CheckpointCreated) EventCodec.decode(headers, v1.getBytes(StandardCharsets.UTF_8));
        assertEquals("torch", claim.engine());
        assertEquals(null, claim.input());
        assertEquals("teacher epoch 3", claim.modelName());
    }

    @Test
    void importedModelsClaimCheckRoundTripsItsInput() {
        CheckpointCreated imported = SampleEvents.all().stream().filter(CheckpointCreated.class::isInstance)
                .map(CheckpointCreated.class::cast).filter(c -> c.kind() == ModelKind.IMPORTED).findFirst()
                .orElseThrow();
        EventCodec.OutgoingEvent out = EventCodec.encode(imported, "/eval-service");
        CheckpointCreated back = (CheckpointCreated) EventCodec.decode(out.headers(), out.value());
        assertEquals(imported, back);
        assertEquals(ModelInput.Layout.NCHW, back.input().layout());
        assertEquals(0.247f, back.input().parsedPreprocessing().std()[0]);
        assertEquals("imported model", back.modelName());
    }

    @Test
    void claimCheckV2FromAnOlderBuildStillDecodesWithoutProvenance() {
        CheckpointCreated imported = SampleEvents.all().stream().filter(CheckpointCreated.class::isInstance)
                .map(CheckpointCreated.class::cast).filter(c -> c.kind() == ModelKind.IMPORTED).findFirst()
                .orElseThrow();
        String v3 = new String(EventCodec.toJson(imported), StandardCharsets.UTF_8);
        String v2 = v3.replaceFirst(",\"provenance\":\\{[^}]*}", "");
        assertTrue(!v2.contains("provenance") && v2.contains("\"input\""), v2);
        Map<String, byte[]> headers = new CloudEventHeaders("id-3", "/eval-service",
                "dev.robust.checkpoint.created.v2", Instant.parse("2025-01-02T03:04:05Z")).toHeaders();
        CheckpointCreated claim = (CheckpointCreated) EventCodec.decode(headers, v2.getBytes(StandardCharsets.UTF_8));
        assertEquals(null, claim.provenance());
        assertEquals(imported.withProvenance(null), claim);
    }

    @Test
    void trainersClaimCheckRoundTripsItsProvenance() {
        CheckpointCreated trained = SampleEvents.trainedHere();
        EventCodec.OutgoingEvent out = EventCodec.encode(trained, "/trainer-service");
        String json = new String(out.value(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"provenance\":{\"publisher\":\"trainer-service\",\"profile\":\"quick\","
                + "\"seed\":42,\"version\":\"0.1.0-SNAPSHOT\"}"), json);
        CheckpointCreated back = (CheckpointCreated) EventCodec.decode(out.headers(), out.value());
        assertEquals(trained, back);
        assertEquals(42L, back.provenance().seed());
    }

    @Test
    void anImportsProvenanceLeavesOutProfileAndSeed() {
        String json = new String(EventCodec.toJson(SampleEvents.all().stream()
                .filter(CheckpointCreated.class::isInstance).map(CheckpointCreated.class::cast)
                .filter(c -> c.kind() == ModelKind.IMPORTED).findFirst().orElseThrow()), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"provenance\":{\"publisher\":\"robust submit\",\"version\":\"0.1.0\"}"), json);
    }

    @Test
    void summariesArePublishedAsV3() {
        EventCodec.OutgoingEvent out = EventCodec.encode(SampleEvents.all().get(SampleEvents.all().size() - 1),
                "/eval-service");
        assertEquals("dev.robust.evaluation.summary.v3", header(out.headers(), "ce_type"));
    }

    @Test
    void rejectsMissingTypeHeader() {
        EventCodec.OutgoingEvent out = EventCodec.encode(SampleEvents.checkpoint(), "/test");
        Map<String, byte[]> headers = new HashMap<>(out.headers());
        headers.remove(CloudEventHeaders.TYPE);
        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> EventCodec.decode(headers, out.value()));
        assertTrue(e.getMessage().contains("ce_type"), e.getMessage());
    }

    @Test
    void rejectsUnknownType() {
        EventCodec.OutgoingEvent out = EventCodec.encode(SampleEvents.checkpoint(), "/test");
        Map<String, byte[]> headers = new HashMap<>(out.headers());
        headers.put(CloudEventHeaders.TYPE, "dev.robust.checkpoint.created.v9".getBytes(StandardCharsets.UTF_8));
        assertThrows(InvalidEventException.class, () -> EventCodec.decode(headers, out.value()));
    }

    @Test
    void rejectsBodyThatIsNotJson() {
        EventCodec.OutgoingEvent out = EventCodec.encode(SampleEvents.checkpoint(), "/test");
        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> EventCodec.decode(out.headers(), "{not json".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("checkpoint.created"), e.getMessage());
    }

    private static String header(Map<String, byte[]> headers, String name) {
        return new String(headers.get(name), StandardCharsets.UTF_8);
    }
}
