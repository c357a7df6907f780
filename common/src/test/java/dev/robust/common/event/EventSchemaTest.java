package dev.robust.common.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.robust.common.image.RandAugmentGeometry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventSchemaTest {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    @Test
    void everyEventTypeHasASampleThatMatchesItsSchema() throws IOException {
        Set<EventType> covered = EnumSet.noneOf(EventType.class);
        for (Event event : SampleEvents.all()) {
            EventType type = EventType.of(event);
            covered.add(type);
            JsonNode json = EventJson.mapper().readTree(EventCodec.toJson(event));
            assertEquals(Set.of(), schema(type).validate(json), type + ": " + json);
        }
        assertEquals(EnumSet.allOf(EventType.class), covered);
    }

    @Test
    void schemasAreDraft2020And12() throws IOException {
        for (EventType type : EventType.values()) {
            JsonNode schema = EventJson.mapper().readTree(resource(type));
            assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").asText(), type.name());
        }
    }

    @Test
    void rejectsMissingRequiredField() throws IOException {
        assertInvalid(SampleEvents.checkpoint(), json -> json.remove("sha256"), "sha256");
    }

    @Test
    void runRequestWithAndWithoutEngineMatchesItsSchema() throws IOException {
        for (Event request : new Event[] {new RunRequested("r1", "ci", Map.of(), Map.of(), 3L),
                new RunRequested("r1", "ci", Map.of(), Map.of(), 3L, "dl4j")}) {
            JsonNode json = EventJson.mapper().readTree(EventCodec.toJson(request));
            assertEquals(Set.of(), schema(EventType.RUN_REQUESTED).validate(json), json.toString());
        }
    }

    @Test
    void rejectsEmptyEngineName() throws IOException {
        assertInvalid(new RunRequested("r1", "ci", Map.of(), Map.of(), 3L, "dl4j"), json -> json.put("engine", ""),
                "engine");
    }

    @Test
    void rejectsProvenanceWithoutPublisher() throws IOException {
        assertInvalid(SampleEvents.trainedHere(), json -> ((ObjectNode) json.get("provenance")).remove("publisher"),
                "publisher");
    }

    @Test
    void rejectsAnUnknownProvenanceField() throws IOException {
        assertInvalid(SampleEvents.trainedHere(), json -> ((ObjectNode) json.get("provenance")).put("host", "x"),
                "host");
    }

    @Test
    void rejectsASeedThatIsNotAnInteger() throws IOException {
        assertInvalid(SampleEvents.trainedHere(), json -> ((ObjectNode) json.get("provenance")).put("seed", "42"),
                "seed");
    }

    @Test
    void claimChecksOfEarlierVersionsMatchTheCurrentSchema() throws IOException {
        // v1 and v2 bodies are v3 bodies without provenance: what an older trainer wrote still validates.
        JsonNode v2 = EventJson.mapper().readTree(EventCodec.toJson(SampleEvents.trainedHere().withProvenance(null)));
        assertEquals(Set.of(), schema(EventType.CHECKPOINT_CREATED).validate(v2), v2.toString());
    }

    @Test
    void rejectsUnknownRole() throws IOException {
        assertInvalid(SampleEvents.checkpoint(), json -> json.put("role", "assistant"), "role");
    }

    @Test
    void rejectsMalformedSha256() throws IOException {
        assertInvalid(SampleEvents.checkpoint(), json -> json.put("sha256", "not-a-digest"), "sha256");
    }

    @Test
    void rejectsUnknownField() throws IOException {
        assertInvalid(SampleEvents.checkpoint(), json -> json.put("weights", "AAAA"), "weights");
    }

    @Test
    void rejectsCleanResultWithASeverity() throws IOException {
        assertInvalid(SampleEvents.result(EvaluationResult.CLEAN, 0, 0.9), json -> json.put("severity", 3),
                "severity");
    }

    @Test
    void rejectsFailedResultWithoutError() throws IOException {
        assertInvalid(SampleEvents.result("fog", 1, 0.5), json -> json.put("status", "failed"), "error");
    }

    @Test
    void rejectsAccuracyAboveOne() throws IOException {
        assertInvalid(SampleEvents.result("fog", 1, 0.5), json -> json.put("top1", 1.5), "top1");
    }

    @Test
    void rejectsACalibrationHistogramOfFourteenBins() throws IOException {
        assertInvalid(SampleEvents.likely(SampleEvents.result("fog", 1, 0.5)),
                json -> ((com.fasterxml.jackson.databind.node.ArrayNode) json.get("calibration")).remove(0),
                "calibration");
    }

    @Test
    void rejectsALikelihoodWithoutItsHistogram() throws IOException {
        assertInvalid(SampleEvents.likely(SampleEvents.result("fog", 1, 0.5)), json -> json.remove("calibration"),
                "calibration");
    }

    @Test
    void rejectsAFailedResultWithALikelihood() throws IOException {
        assertInvalid(SampleEvents.result("fog", 1, 0.5), json -> json.put("status", "failed").put("error", "x")
                .put("nll_sum", 3.0), "nll_sum");
    }

    @Test
    void aSummaryWithEveryRobustnessMetricMatchesItsSchema() throws IOException {
        EvaluationSummary summary = EvaluationSummary.of(SampleEvents.fullResults(0.93).stream()
                .map(SampleEvents::likely).toList());
        assertNotNull(summary.metrics().mce());
        assertNotNull(summary.metrics().clean().nllInterval());
        JsonNode json = EventJson.mapper().readTree(EventCodec.toJson(summary));
        assertEquals(Set.of(), schema(EventType.EVALUATION_SUMMARY).validate(json), json.toString());
        assertInvalid(summary, json2 -> ((ObjectNode) json2.get("metrics")).put("benchmark_slices", 76),
                "benchmark_slices");
    }

    @Test
    void rejectsEpochRequestWithMagnitudeAboveTen() throws IOException {
        Event request = new EpochRequested("r1", ModelRole.STUDENT, 0, 1L, 100,
                new AugmentationConfig(96, 72, true, 2, 11, RandAugmentGeometry.ABSOLUTE), 2);
        assertInvalid(request, json -> { }, "randaugment_magnitude");
    }

    @Test
    void rejectsEpochRequestWithAnUnknownGeometry() throws IOException {
        Event request = new EpochRequested("r1", ModelRole.STUDENT, 0, 1L, 100, AugmentationConfig.reference(), 2);
        assertInvalid(request, json -> ((ObjectNode) json.get("augmentation")).put("randaugment_geometry", "pixels"),
                "randaugment_geometry");
    }

    private static void assertInvalid(Event event, Consumer<ObjectNode> breakIt, String field) throws IOException {
        ObjectNode json = (ObjectNode) EventJson.mapper().readTree(EventCodec.toJson(event));
        breakIt.accept(json);
        Set<ValidationMessage> errors = schema(EventType.of(event)).validate(json);
        assertFalse(errors.isEmpty(), "schema accepted " + json);
        assertTrue(errors.toString().contains(field), errors.toString());
    }

    private static JsonSchema schema(EventType type) throws IOException {
        try (InputStream in = resource(type)) {
            return FACTORY.getSchema(in);
        }
    }

    private static InputStream resource(EventType type) {
        InputStream in = EventType.class.getClassLoader().getResourceAsStream(type.schemaResource());
        assertNotNull(in, "missing schema " + type.schemaResource());
        return in;
    }
}
