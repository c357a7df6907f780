package dev.robust.common.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The CloudEvents 1.0 attributes of one event as Kafka headers (Kafka protocol binding, binary mode): the body is
 * the event's JSON and the attributes travel as {@code ce_*} headers with UTF-8 string values. Headers are a plain
 * name → bytes map so this contract does not depend on the Kafka client; copying into Kafka {@code Headers} is a
 * loop.
 */
public record CloudEventHeaders(String id, String source, String type, Instant time) {
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";
    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String APPLICATION_JSON = "application/json";

    /** Fresh attributes for a new event of {@code type} from {@code source} (e.g. {@code /trainer-service}). */
    public static CloudEventHeaders create(EventType type, String source) {
        return new CloudEventHeaders(UUID.randomUUID().toString(), source, type.ceType(), Instant.now());
    }

    /** The header set, in a stable order. */
    public Map<String, byte[]> toHeaders() {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put(SPEC_VERSION, utf8(SPEC_VERSION_1_0));
        headers.put(ID, utf8(id));
        headers.put(SOURCE, utf8(source));
        headers.put(TYPE, utf8(type));
        headers.put(TIME, utf8(time.toString()));
        headers.put(CONTENT_TYPE, utf8(APPLICATION_JSON));
        return headers;
    }

    /** Reads the attributes back; a missing required attribute or an unsupported spec version is rejected. */
    public static CloudEventHeaders fromHeaders(Map<String, byte[]> headers) {
        String specVersion = required(headers, SPEC_VERSION);
        if (!SPEC_VERSION_1_0.equals(specVersion)) {
            throw new InvalidEventException("header " + SPEC_VERSION + " is '" + specVersion + "', expected 1.0");
        }
        String contentType = optional(headers, CONTENT_TYPE);
        if (contentType != null && !contentType.startsWith(APPLICATION_JSON)) {
            throw new InvalidEventException("header " + CONTENT_TYPE + " is '" + contentType + "', expected "
                    + APPLICATION_JSON);
        }
        String time = optional(headers, TIME);
        try {
            return new CloudEventHeaders(required(headers, ID), required(headers, SOURCE), required(headers, TYPE),
                    time == null ? null : Instant.parse(time));
        } catch (DateTimeParseException e) {
            throw new InvalidEventException("header " + TIME + " is not an RFC 3339 time: '" + time + "'", e);
        }
    }

    private static String required(Map<String, byte[]> headers, String name) {
        String value = optional(headers, name);
        if (value == null || value.isEmpty()) throw new InvalidEventException("missing CloudEvents header " + name);
        return value;
    }

    private static String optional(Map<String, byte[]> headers, String name) {
        byte[] value = headers.get(name);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
