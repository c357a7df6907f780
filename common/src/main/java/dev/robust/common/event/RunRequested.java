package dev.robust.common.event;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.Map;

/**
 * A user asked for a run. {@code overrides} are the settings the user gave on top of the profile; {@code config}
 * is the fully resolved configuration the run will use, so a run can be reproduced from this event alone.
 * {@code engine} names the engine that trains it ({@code Engine.name()}); null in requests from builds before the
 * field existed, which the trainer trains with its configured engine.
 */
public record RunRequested(String runId, String profile, Map<String, Object> overrides, Map<String, Object> config,
                           long seed, String engine) implements RunEvent {
    @JsonCreator
    public RunRequested {
        overrides = Map.copyOf(overrides);
        config = Map.copyOf(config);
    }

    /** A request that leaves the engine to the trainer's configuration. */
    public RunRequested(String runId, String profile, Map<String, Object> overrides, Map<String, Object> config,
                        long seed) {
        this(runId, profile, overrides, config, seed, null);
    }
}
