package dev.robust.common.event;

import java.util.Map;

/**
 * A user asked for a run. {@code overrides} are the settings the user gave on top of the profile; {@code config}
 * is the fully resolved configuration the run will use, so a run can be reproduced from this event alone.
 */
public record RunRequested(String runId, String profile, Map<String, Object> overrides, Map<String, Object> config,
                           long seed) implements RunEvent {
    public RunRequested {
        overrides = Map.copyOf(overrides);
        config = Map.copyOf(config);
    }
}
