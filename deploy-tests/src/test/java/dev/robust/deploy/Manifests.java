package dev.robust.deploy;

import java.util.List;
import java.util.Optional;

/** The Kubernetes objects one overlay renders to. */
record Manifests(String source, List<YamlValue> objects) {

    List<YamlValue> ofKind(String kind) {
        return objects.stream().filter(object -> kind.equals(object.at("kind").optionalString().orElse(null))).toList();
    }

    Optional<YamlValue> find(String kind, String name) {
        return ofKind(kind).stream()
                .filter(object -> name.equals(object.at("metadata", "name").optionalString().orElse(null)))
                .findFirst();
    }

    YamlValue get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(source + " has no " + kind + " named " + name
                + "; it has " + ofKind(kind).stream().map(o -> o.at("metadata", "name").string()).toList()));
    }

    /** The only object of {@code kind}, e.g. the one Kafka cluster. */
    YamlValue single(String kind) {
        List<YamlValue> found = ofKind(kind);
        if (found.size() != 1) {
            throw new AssertionError(source + ": expected exactly one " + kind + ", found " + found.size());
        }
        return found.get(0);
    }
}
