package dev.robust.common.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.robust.common.stats.Interval;
import dev.robust.common.stats.Wilson;

/**
 * Top-1 accuracy of one checkpoint on one corruption at one severity, or on the clean test set
 * ({@code corruption} = {@value #CLEAN}, {@code severity} = 0). A failed evaluation carries {@code error} and
 * zero counts. {@code kind} says which weights were scored ({@link ModelKind}; absent from older builds).
 */
public record EvaluationResult(String checkpointId, String runId, ModelRole role, int epoch, String engine,
                               String dataset, String corruption, int severity, long correct, long total,
                               double top1, Status status, String error, ModelKind kind) implements Event {
    /** The corruption name of the clean test set. */
    public static final String CLEAN = "clean";

    public enum Status {
        @JsonProperty("ok") OK,
        @JsonProperty("failed") FAILED
    }

    /** A result without a kind, as builds before {@link ModelKind} wrote them. */
    public EvaluationResult(String checkpointId, String runId, ModelRole role, int epoch, String engine,
                            String dataset, String corruption, int severity, long correct, long total, double top1,
                            Status status, String error) {
        this(checkpointId, runId, role, epoch, engine, dataset, corruption, severity, correct, total, top1, status,
                error, null);
    }

    /** The 95 % Wilson interval of {@code top1}; null for a failed result. */
    @JsonIgnore
    public Interval top1Interval() {
        return status == Status.OK && total > 0 ? Wilson.interval(correct, total) : null;
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
