package dev.robust.common.event;

/** The trainer accepted a run and resolved its data set; {@code dataset} is its display label (e.g. {@code cifar10}). */
public record RunStarted(String runId, String profile, String dataset, long seed) implements RunEvent {
}
