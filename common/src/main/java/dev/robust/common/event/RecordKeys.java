package dev.robust.common.event;

import dev.robust.common.corruption.Corruption;

/**
 * Kafka record keys (UTF-8 strings) for every topic. A key names the logical fact a record states, so that
 * compaction keeps the latest version and re-producing the same fact (re-ingest, re-scoring) yields the same key.
 * Parts are joined with {@code /}; ids must therefore not contain it.
 */
public final class RecordKeys {
    private static final String SEPARATOR = "/";

    private RecordKeys() {
    }

    /** {@code cifar10.train|val|test}: the image's index in its source split. */
    public static String datasetImage(long index) {
        return Long.toString(index);
    }

    /** {@code cifar10c.<id>}: severity and index within the severity block, e.g. {@code 5/123}. */
    public static String corruptedImage(int severity, long index) {
        if (severity < Corruption.MIN_SEVERITY || severity > Corruption.MAX_SEVERITY) {
            throw new IllegalArgumentException("severity must be 1..5, got " + severity);
        }
        return severity + SEPARATOR + index;
    }

    /** {@code train.pairs}: run, epoch and position in that epoch's order. */
    public static String trainPair(String runId, int epoch, long position) {
        return join(runId, Integer.toString(epoch), Long.toString(position));
    }

    /** {@code runs}: every event of a run shares the run id, which keeps them in one partition, in order. */
    public static String run(String runId) {
        return join(runId);
    }

    /** {@code model.checkpoints}: run, role and epoch, e.g. {@code r42/teacher/3}. */
    public static String checkpoint(String runId, ModelRole role, int epoch) {
        return join(runId, role.id(), Integer.toString(epoch));
    }

    /**
     * {@code model.checkpoints} for a checkpoint of {@code kind}: the raw teacher shares its epoch number with the
     * SWA teacher, so it gets a fourth part, {@code r42/teacher/3/raw}; every other kind keeps {@code run/role/epoch}.
     */
    public static String checkpoint(String runId, ModelRole role, int epoch, ModelKind kind) {
        if (kind == ModelKind.RAW) return join(runId, role.id(), Integer.toString(epoch), kind.id());
        return checkpoint(runId, role, epoch);
    }

    /** {@code evaluations}: checkpoint, corruption ({@code clean} for the clean test set) and severity. */
    public static String evaluation(String checkpointId, String corruption, int severity) {
        return join(checkpointId, corruption, Integer.toString(severity));
    }

    /** Evaluation summaries: one per checkpoint. */
    public static String summary(String checkpointId) {
        return join(checkpointId);
    }

    private static String join(String... parts) {
        for (String part : parts) {
            if (part == null || part.isEmpty() || part.contains(SEPARATOR)) {
                throw new IllegalArgumentException("record key part must be non-empty and free of '"
                        + SEPARATOR + "', got '" + part + "'");
            }
        }
        return String.join(SEPARATOR, parts);
    }
}
