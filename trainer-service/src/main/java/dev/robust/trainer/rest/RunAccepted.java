package dev.robust.trainer.rest;

import java.util.Map;

/**
 * The answer to an accepted {@code POST /runs}: the new run's id, the engine and the configuration it will train
 * with.
 */
public record RunAccepted(String runId, String profile, String engine, long seed, Map<String, String> config) {
}
