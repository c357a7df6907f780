package dev.robust.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** One overlay of deploy/ rendered by one renderer; renderings are cached, every test reads the same objects. */
record Overlay(String name, KustomizeRenderer renderer) {
    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    static final String CPU = "cpu";
    static final String GPU = "gpu";
    /** The cpu overlay with a MinIO server in the namespace as the checkpoint store. */
    static final String MINIO = "minio";
    /** The cpu overlay exposed through an Ingress, the bearer token required. */
    static final String INGRESS = "ingress";
    static final List<String> NAMES = List.of(CPU, GPU, MINIO, INGRESS);

    /** Every overlay with every renderer available on this machine. */
    static Stream<Overlay> all() {
        return KustomizeRenderer.available().stream()
                .flatMap(renderer -> NAMES.stream().map(name -> new Overlay(name, renderer)));
    }

    static Path directory(String name) {
        return RepositoryFiles.existing("deploy/overlays/" + name);
    }

    Manifests manifests() {
        return RENDERED.computeIfAbsent(renderer.name() + " " + name, key -> renderer.render(directory(name)));
    }

    List<YamlValue> deployments() {
        return manifests().ofKind("Deployment");
    }

    @Override
    public String toString() {
        return name + " (" + renderer.name() + ")";
    }
}
