package dev.robust.common.event;

/** A run stopped on an error; {@code phase} and {@code epoch} say where, when known (otherwise null). */
public record RunFailed(String runId, String reason, ModelRole phase, Integer epoch) implements RunEvent {
}
