package dev.robust.common.prediction;

import dev.robust.common.codec.CodecException;
import dev.robust.common.event.ModelKind;
import dev.robust.common.event.ModelRole;
import dev.robust.common.event.RecordKeys;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One record of {@code evaluation.predictions}: a checkpoint's predictions on one slice. The key is the same as its
 * {@code evaluations} result's ({@code checkpoint/corruption/severity}, corruption {@code clean} at severity 0), so
 * compaction keeps the latest scoring of each; the headers {@code run}, {@code role} and {@code kind} say whose
 * predictions they are without decoding the value (see {@link PredictionsCodec}).
 */
public record SlicePredictions(String checkpointId, String runId, ModelRole role, ModelKind kind, String corruption,
                               int severity, Predictions predictions) {
    public static final String HEADER_RUN = "run";
    public static final String HEADER_ROLE = "role";
    public static final String HEADER_KIND = "kind";

    public String recordKey() {
        return RecordKeys.evaluation(checkpointId, corruption, severity);
    }

    public Map<String, byte[]> headers() {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put(HEADER_RUN, utf8(runId));
        headers.put(HEADER_ROLE, utf8(role.id()));
        headers.put(HEADER_KIND, utf8((kind == null ? ModelKind.EPOCH : kind).id()));
        return headers;
    }

    public byte[] value() {
        return PredictionsCodec.encode(predictions);
    }

    /** Reads a record back; a key, header or value that does not fit throws {@link CodecException}. */
    public static SlicePredictions read(String key, Map<String, byte[]> headers, byte[] value) {
        if (key == null) throw new CodecException("predictions record has no key");
        String[] parts = key.split("/");
        if (parts.length != 3) {
            throw new CodecException("predictions key '" + key + "' is not checkpoint/corruption/severity");
        }
        int severity;
        try {
            severity = Integer.parseInt(parts[2]);
        } catch (NumberFormatException e) {
            throw new CodecException("predictions key '" + key + "' has a non-numeric severity");
        }
        return new SlicePredictions(parts[0], header(headers, HEADER_RUN), role(header(headers, HEADER_ROLE)),
                kind(header(headers, HEADER_KIND)), parts[1], severity, PredictionsCodec.decode(value));
    }

    private static String header(Map<String, byte[]> headers, String name) {
        byte[] value = headers.get(name);
        if (value == null || value.length == 0) throw new CodecException("predictions record lacks header " + name);
        return new String(value, StandardCharsets.UTF_8);
    }

    private static ModelRole role(String id) {
        try {
            return ModelRole.valueOf(id.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CodecException("predictions header role is '" + id + "', expected teacher or student");
        }
    }

    private static ModelKind kind(String id) {
        try {
            return ModelKind.valueOf(id.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CodecException("predictions header kind is '" + id + "', expected epoch, raw, swa or final");
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
