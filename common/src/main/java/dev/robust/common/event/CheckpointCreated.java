package dev.robust.common.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Map;

/**
 * A claim check for a checkpoint written to the checkpoint store: the weights stay in the store at {@code uri},
 * and consumers verify them against {@code sha256} and {@code bytes}. {@code dataset} is the display label of the
 * data the model was trained on ({@code cifar10}, {@code synthetic}, ...). {@code finalCheckpoint} marks the one
 * the run kept for its role; {@code kind} says which weights it holds ({@link ModelKind}; absent from older builds).
 * A model imported from outside (format {@code onnx}, engine {@code onnxruntime}) also carries its {@code input}:
 * layout and declared preprocessing (v2 of the event; absent from engine checkpoints and from v1). Since v3 a claim
 * check may carry its {@link Provenance}: publisher, the run's profile and seed, the project version that wrote it
 * (absent from v1 and v2 events, and from journal entries of older trainers).
 */
public record CheckpointCreated(String checkpointId, String runId, ModelRole role, int epoch, String model,
                                String engine, String format, String uri, String sha256, long bytes,
                                Map<String, Double> metrics, @JsonProperty("final") boolean finalCheckpoint,
                                String dataset, Instant createdAt, ModelKind kind,
                                ModelInput input, Provenance provenance) implements Event {
    public CheckpointCreated {
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }

    /** A claim check without provenance, as v2 builds wrote them. */
    public CheckpointCreated(String checkpointId, String runId, ModelRole role, int epoch, String model,
                             String engine, String format, String uri, String sha256, long bytes,
                             Map<String, Double> metrics, boolean finalCheckpoint, String dataset, Instant createdAt,
                             ModelKind kind, ModelInput input) {
        this(checkpointId, runId, role, epoch, model, engine, format, uri, sha256, bytes, metrics, finalCheckpoint,
                dataset, createdAt, kind, input, null);
    }

    /** This claim check with {@code provenance} in place of its own. */
    public CheckpointCreated withProvenance(Provenance provenance) {
        return new CheckpointCreated(checkpointId, runId, role, epoch, model, engine, format, uri, sha256, bytes,
                metrics, finalCheckpoint, dataset, createdAt, kind, input, provenance);
    }

    /** An engine checkpoint's claim check: no {@code input}, its engine's model scales raw pixels itself. */
    public CheckpointCreated(String checkpointId, String runId, ModelRole role, int epoch, String model, String engine,
                             String format, String uri, String sha256, long bytes, Map<String, Double> metrics,
                             boolean finalCheckpoint, String dataset, Instant createdAt, ModelKind kind) {
        this(checkpointId, runId, role, epoch, model, engine, format, uri, sha256, bytes, metrics, finalCheckpoint,
                dataset, createdAt, kind, null, null);
    }

    /** A claim check without a kind, as builds before {@link ModelKind} wrote them. */
    public CheckpointCreated(String checkpointId, String runId, ModelRole role, int epoch, String model, String engine,
                             String format, String uri, String sha256, long bytes, Map<String, Double> metrics,
                             boolean finalCheckpoint, String dataset, Instant createdAt) {
        this(checkpointId, runId, role, epoch, model, engine, format, uri, sha256, bytes, metrics, finalCheckpoint,
                dataset, createdAt, null, null, null);
    }

    /**
     * The model's name in reports: {@code SWA teacher}, {@code raw teacher (before SWA)}, {@code student}, ...,
     * {@code imported model} (whose run, {@code imported-<name>}, carries the name it was submitted under).
     */
    @JsonIgnore
    public String modelName() {
        return ModelKind.describe(kind, role, epoch);
    }

    /** Weights from the end of one epoch, published to follow the run (older builds: any checkpoint not final). */
    @JsonIgnore
    public boolean epochCheckpoint() {
        return kind == null ? !finalCheckpoint : kind == ModelKind.EPOCH;
    }

    @Override
    public String recordKey() {
        return RecordKeys.checkpoint(runId, role, epoch, kind);
    }
}
