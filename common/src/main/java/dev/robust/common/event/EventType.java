package dev.robust.common.event;

import dev.robust.common.topic.Topics;

import java.util.List;

/**
 * Every event type: its CloudEvents {@code type} (which carries the schema version), its record class, its topic
 * and its JSON Schema under {@code schemas/} on the classpath. A breaking change to an event adds a new type
 * ({@code .v2}) rather than changing this one.
 */
public enum EventType {
    RUN_REQUESTED("dev.robust.run.requested.v1", RunRequested.class, Topics.RUNS),
    RUN_STARTED("dev.robust.run.started.v1", RunStarted.class, Topics.RUNS),
    EPOCH_REQUESTED("dev.robust.run.epoch-requested.v1", EpochRequested.class, Topics.RUNS),
    EPOCH_DONE("dev.robust.run.epoch-done.v1", EpochDone.class, Topics.RUNS),
    RUN_FINISHED("dev.robust.run.finished.v1", RunFinished.class, Topics.RUNS),
    RUN_FAILED("dev.robust.run.failed.v1", RunFailed.class, Topics.RUNS),
    /**
     * v2 adds the kind {@code imported} and an imported model's {@code input}; v3 the optional {@code provenance}
     * (publisher, profile, seed, project version). v1 and v2 bodies still decode.
     */
    CHECKPOINT_CREATED("dev.robust.checkpoint.created.v3", CheckpointCreated.class, Topics.MODEL_CHECKPOINTS,
            "dev.robust.checkpoint.created.v2", "dev.robust.checkpoint.created.v1"),
    /** v2 adds the likelihood sums and the calibration histogram; v1 bodies still decode, without them. */
    EVALUATION_RESULT("dev.robust.evaluation.result.v2", EvaluationResult.class, Topics.EVALUATIONS,
            "dev.robust.evaluation.result.v1"),
    /**
     * A topic of their own, so consumers of {@code evaluations} see one event type only. v2 adds the model's kind
     * and name, intervals and paired comparisons, v3 the robustness metrics; v1 and v2 events (older producers, or
     * a topic written before the upgrade) still decode, with those fields absent.
     */
    EVALUATION_SUMMARY("dev.robust.evaluation.summary.v3", EvaluationSummary.class, Topics.EVALUATION_SUMMARIES,
            "dev.robust.evaluation.summary.v2", "dev.robust.evaluation.summary.v1");

    private static final String TYPE_PREFIX = "dev.robust.";

    private final String ceType;
    private final Class<? extends Event> eventClass;
    private final String topic;
    /** Earlier versions of the type whose bodies the current record still reads (additive changes only). */
    private final List<String> earlierCeTypes;

    EventType(String ceType, Class<? extends Event> eventClass, String topic, String... earlierCeTypes) {
        this.ceType = ceType;
        this.eventClass = eventClass;
        this.topic = topic;
        this.earlierCeTypes = List.of(earlierCeTypes);
    }

    /** The CloudEvents {@code type} attribute, e.g. {@code dev.robust.run.requested.v1}. */
    public String ceType() {
        return ceType;
    }

    public Class<? extends Event> eventClass() {
        return eventClass;
    }

    /** The topic events of this type are published to. */
    public String topic() {
        return topic;
    }

    /** Classpath resource of the JSON Schema, e.g. {@code schemas/run.requested.v1.json}. */
    public String schemaResource() {
        return "schemas/" + ceType.substring(TYPE_PREFIX.length()) + ".json";
    }

    public static EventType of(Event event) {
        for (EventType type : values()) {
            if (type.eventClass == event.getClass()) return type;
        }
        throw new IllegalStateException("no event type for " + event.getClass().getName());
    }

    /** The type with this CloudEvents {@code type}, current or earlier version, or null if this build knows neither. */
    public static EventType fromCeType(String ceType) {
        for (EventType type : values()) {
            if (type.ceType.equals(ceType) || type.earlierCeTypes.contains(ceType)) return type;
        }
        return null;
    }
}
