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
        assertEquals("dev.robust.checkpoint.created.v1", header(out.headers(), "ce_type"));
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
