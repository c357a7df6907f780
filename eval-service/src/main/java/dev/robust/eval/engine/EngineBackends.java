package dev.robust.eval.engine;

import dev.robust.engine.Engine;
import dev.robust.engine.Engines;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.TreeMap;

/**
 * The engines this service can load checkpoints with, described once at start-up. Describing an engine runs its
 * backend self-check (the DL4J engine fails without its oneDNN helpers), so a misconfigured service stops here
 * instead of in the middle of a sweep.
 */
@Startup
@Singleton
public class EngineBackends {
    private static final Logger LOG = Logger.getLogger(EngineBackends.class);

    private final Map<String, Map<String, Object>> byName;

    EngineBackends() {
        Map<String, Map<String, Object>> backends = new TreeMap<>();
        for (Engine engine : Engines.available()) {
            LOG.infof("engine %s: %s", engine.name(), engine.backend());
            backends.put(engine.name(), engine.backend().asMap());
        }
        if (backends.isEmpty()) {
            throw new IllegalStateException("no engine on the class path: checkpoints could not be loaded"
                    + " (add an engine module such as engine-dl4j)");
        }
        this.byName = Map.copyOf(backends);
    }

    /** Engine name → its backend description (library, backend, whether oneDNN is on). */
    public Map<String, Map<String, Object>> byName() {
        return byName;
    }
}
