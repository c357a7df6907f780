package dev.robust.common.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.robust.common.stats.Calibration;
import dev.robust.common.stats.CalibrationBin;
import dev.robust.common.stats.Interval;
import dev.robust.common.stats.MeanInterval;
import dev.robust.common.stats.Wilson;

import java.util.List;

/**
 * Top-1 accuracy of one checkpoint on one corruption at one severity, or on the clean test set
 * ({@code corruption} = {@value #CLEAN}, {@code severity} = 0). A failed evaluation carries {@code error} and
 * zero counts. {@code kind} says which weights were scored ({@link ModelKind}; absent from older builds).
 *
 * <p>Since schema v2, beside the counts, what the softmax of the model's logits says about the same images:
 * {@code nllSum} and {@code nllSumOfSquares}, the sum and the sum of squares of each image's negative
 * log-likelihood of its true label ({@code −ln softmax(logits)[label]}, natural log), and {@code calibration}, a
 * histogram of the images' confidence (top softmax probability) in {@value Calibration#BINS} equal-width bins. Sums,
 * not means, so slices pool exactly. All three are absent in v1 results and in failed ones.
 */
public record EvaluationResult(String checkpointId, String runId, ModelRole role, int epoch, String engine,
                               String dataset, String corruption, int severity, long correct, long total,
                               double top1, Status status, String error, ModelKind kind, Double nllSum,
                               Double nllSumOfSquares, List<CalibrationBin> calibration) implements Event {
    /** The corruption name of the clean test set. */
    public static final String CLEAN = "clean";

    public enum Status {
        @JsonProperty("ok") OK,
        @JsonProperty("failed") FAILED
    }

    public EvaluationResult {
        if (calibration != null) calibration = List.copyOf(calibration);
    }

    /** A result without likelihoods or calibration, as builds before schema v2 wrote them (and failed results). */
    public EvaluationResult(String checkpointId, String runId, ModelRole role, int epoch, String engine,
                            String dataset, String corruption, int severity, long correct, long total, double top1,
                            Status status, String error, ModelKind kind) {
        this(checkpointId, runId, role, epoch, engine, dataset, corruption, severity, correct, total, top1, status,
                error, kind, null, null, null);
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

    /** Whether this result carries the likelihood sums and the calibration histogram (schema v2, status ok). */
    @JsonIgnore
    public boolean hasLikelihoods() {
        return status == Status.OK && total > 0 && nllSum != null && nllSumOfSquares != null && calibration != null;
    }

    /** The mean negative log-likelihood with its 95 % Student-t interval over the images; null without them. */
    @JsonIgnore
    public MeanInterval meanNll() {
        return hasLikelihoods() ? MeanInterval.ofSums(total, nllSum, nllSumOfSquares) : null;
    }

    /** The expected calibration error of the slice; null without a histogram. */
    @JsonIgnore
    public Double ece() {
        return hasLikelihoods() ? Calibration.ece(calibration) : null;
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
