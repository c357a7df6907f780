package dev.robust.engine;

import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Finds the engines on the class path: each engine module registers itself as a {@link ServiceLoader} provider. */
public final class Engines {

    private Engines() {
    }

    /** Every engine on the class path. */
    public static List<Engine> available() {
        return ServiceLoader.load(Engine.class, Engines.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
    }

    /**
     * The engine called {@code name}.
     *
     * @throws IllegalArgumentException naming the engines that are available when none is called so
     */
    public static Engine named(String name) {
        List<Engine> engines = available();
        return engines.stream()
                .filter(engine -> engine.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No engine named '" + name + "' on the class path; available: "
                        + engines.stream().map(Engine::name).collect(Collectors.joining(", ", "[", "]"))
                        + " (add the engine module, e.g. engine-dl4j, as a dependency)"));
    }
}
