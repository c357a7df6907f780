package dev.robust.deploy;

import java.util.LinkedHashMap;
import java.util.Map;

/** A parsed compose file with the lookups the checks need. */
record ComposeFile(String file, YamlValue content) {
    static final String MAIN = "docker-compose.yml";
    static final String GPU_OVERRIDE = "docker-compose.gpu.yml";

    static ComposeFile load(String file) {
        return new ComposeFile(file, YamlValue.load(RepositoryFiles.existing(file)));
    }

    Map<String, YamlValue> services() {
        return content.at("services").map();
    }

    YamlValue service(String name) {
        YamlValue service = content.at("services", name);
        if (service.isMissing()) throw new AssertionError(file + " has no service " + name);
        return service;
    }

    /** A service's environment, written either as a map or as a list of {@code KEY=value}. */
    Map<String, String> environment(String name) {
        YamlValue environment = service(name).at("environment");
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment.raw() instanceof Map<?, ?>) {
            environment.map().forEach((key, value) -> variables.put(key, value.isMissing() ? "" : value.string()));
        } else {
            for (YamlValue entry : environment.list()) {
                String[] parts = entry.string().split("=", 2);
                variables.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        return variables;
    }

    /** Short-syntax volume entries ({@code source:target[:mode]}) of a service as target → source. */
    Map<String, String> volumeMounts(String name) {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (YamlValue entry : service(name).at("volumes").list()) {
            String[] parts = entry.string().split(":");
            if (parts.length < 2) throw new AssertionError(entry.path() + ": expected source:target, found " + entry.string());
            mounts.put(parts[1], parts[0]);
        }
        return mounts;
    }
}
