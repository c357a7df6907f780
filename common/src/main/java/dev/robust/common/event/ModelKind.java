package dev.robust.common.event;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Locale;

/**
 * Which weights a checkpoint holds, so every consumer names a model the same way. A teacher run with SWA ends with
 * two models worth scoring: the weights it trained ({@link #RAW}) and their stochastic weight average with batch-norm
 * statistics recomputed ({@link #SWA}); the student ends with the weights early stopping kept ({@link #FINAL}).
 * Events from builds before this field carry none; they read as epoch checkpoints or, when final, by role.
 */
public enum ModelKind {
    /** The weights at the end of one training epoch. */
    @JsonProperty("epoch") EPOCH,
    /** The teacher's trained weights before SWA (the best or last epoch's), kept as a model of its own. */
    @JsonProperty("raw") RAW,
    /** The teacher's SWA average with batch-norm statistics recomputed. */
    @JsonProperty("swa") SWA,
    /** The student's final weights (those early stopping kept). */
    @JsonProperty("final") FINAL,
    /** A model trained elsewhere and submitted for scoring (an ONNX model); its run is the submission. */
    @JsonProperty("imported") IMPORTED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The name reports and dashboards print, e.g. {@code SWA teacher}, {@code teacher epoch 3}. */
    public static String describe(ModelKind kind, ModelRole role, int epoch) {
        if (kind == null || kind == EPOCH) return role.id() + " epoch " + epoch;
        return switch (kind) {
            case RAW -> "raw " + role.id() + " (before SWA)";
            case SWA -> "SWA " + role.id();
            case IMPORTED -> "imported model";
            default -> role.id();
        };
    }
}
