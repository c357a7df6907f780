package dev.robust.trainer.config;

import dev.robust.common.event.RunRequested;
import dev.robust.engine.Engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engines on this trainer's class path, each instantiated once, and the configured default
 * ({@code robust.trainer.engine}). A run names its engine in {@link RunRequested#engine()}; requests without one (from
 * builds before the field existed) train with the default.
 */
public final class AvailableEngines {
    private final Map<String, Engine> byName = new LinkedHashMap<>();
    private final Engine defaultEngine;

    /**
     * @throws IllegalArgumentException when no engine is called {@code defaultName}, naming those that are
     */
    public AvailableEngines(List<Engine> engines, String defaultName) {
        for (Engine engine : engines) {
            byName.putIfAbsent(engine.name(), engine);
        }
        this.defaultEngine = find(defaultName).orElseThrow(() -> new IllegalArgumentException("robust.trainer.engine="
                + defaultName + ": no engine of that name on the class path; available: " + names()));
    }

    public Engine defaultEngine() {
        return defaultEngine;
    }

    /** Names of the engines on the class path, the order the class path lists them in. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    public Optional<Engine> find(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    /** The engine {@code request} asks for, the default when it names none; empty when it names one not here. */
    public Optional<Engine> forRun(RunRequested request) {
        return request.engine() == null ? Optional.of(defaultEngine) : find(request.engine());
    }
}
