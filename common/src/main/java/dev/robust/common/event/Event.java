package dev.robust.common.event;

/**
 * An event published as a CloudEvent with a JSON body. Each implementation has one {@link EventType} (its
 * CloudEvents {@code type}, topic and JSON Schema).
 */
public sealed interface Event permits RunEvent, CheckpointCreated, EvaluationResult, EvaluationSummary {
    /** The Kafka record key: stable for the same logical fact, so compaction keeps the latest. */
    String recordKey();
}
