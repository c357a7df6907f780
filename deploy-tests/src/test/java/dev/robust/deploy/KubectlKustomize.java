package dev.robust.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** {@code kubectl kustomize <dir>}: the real renderer, offline, no cluster needed. */
final class KubectlKustomize implements KustomizeRenderer {

    static boolean isInstalled() {
        return ExternalCommand.works(List.of("kubectl", "version", "--client"));
    }

    @Override
    public String name() {
        return "kubectl kustomize";
    }

    @Override
    public Manifests render(Path kustomization) {
        ExternalCommand.Result result = ExternalCommand.run(
                List.of("kubectl", "kustomize", kustomization.toString()), RepositoryFiles.root(), Duration.ofMinutes(1));
        if (!result.succeeded()) {
            throw new AssertionError("kubectl kustomize " + kustomization + " failed (exit " + result.exitCode()
                    + "):\n" + result.output());
        }
        List<YamlValue> objects = YamlValue.loadAll(kustomization.toString(), result.output()).stream()
                .map(object -> YamlValue.of(kustomization + ":" + object.at("kind").string() + "/"
                        + object.at("metadata", "name").string(), object.raw()))
                .toList();
        return new Manifests(name() + " " + kustomization, objects);
    }

    @Override
    public String toString() {
        return name();
    }
}
