package dev.robust.common.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Top-1 accuracy of one checkpoint on one corruption at one severity, or on the clean test set
 * ({@code corruption} = {@value #CLEAN}, {@code severity} = 0). A failed evaluation carries {@code error} and
 * zero counts.
 */
public record EvaluationResult(String checkpointId, String runId, ModelRole role, int epoch, String engine,
                               String dataset, String corruption, int severity, long correct, long total,
                               double top1, Status status, String error) implements Event {
    /** The corruption name of the clean test set. */
    public static final String CLEAN = "clean";

    public enum Status {
        @JsonProperty("ok") OK,
        @JsonProperty("failed") FAILED
    }

    @JsonIgnore
    public boolean isClean() {
        return CLEAN.equals(corruption);
    }

    @Override
    public String recordKey() {
        return RecordKeys.evaluation(checkpointId, corruption, severity);
    }
}
