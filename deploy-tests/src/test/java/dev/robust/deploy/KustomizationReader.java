package dev.robust.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a kustomization from the files alone, for machines without kubectl. It understands what deploy/ uses and
 * refuses anything else by name, so a new kustomize feature in deploy/ cannot be silently misread:
 * {@code resources} (files and directories), {@code patches} by {@code path} (strategic merge: maps merge
 * recursively, lists whose items all have a {@code name} merge by name, anything else is replaced), {@code images}
 * ({@code name}, {@code newName}, {@code newTag}), {@code namespace}, and {@code labels} without selectors.
 * Where kubectl is installed, a test checks that both render the same objects.
 */
final class KustomizationReader implements KustomizeRenderer {
    private static final Set<String> KNOWN_FIELDS =
            Set.of("apiVersion", "kind", "namespace", "labels", "resources", "patches", "images");

    @Override
    public String name() {
        return "kustomization reader";
    }

    @Override
    public Manifests render(Path kustomization) {
        List<YamlValue> objects = read(kustomization).stream()
                .map(object -> YamlValue.of(kustomization + ":" + object.get("kind") + "/"
                        + metadata(object).get("name"), object))
                .toList();
        return new Manifests(name() + " " + kustomization, objects);
    }

    private List<Map<String, Object>> read(Path directory) {
        Path file = directory.resolve("kustomization.yaml");
        Map<String, Object> kustomization = asMap(file, YamlValue.load(file).raw());
        for (String field : kustomization.keySet()) {
            if (!KNOWN_FIELDS.contains(field)) {
                throw new IllegalStateException(file + ": field '" + field + "' is not understood by the file reader"
                        + " of deploy-tests (it knows " + KNOWN_FIELDS + "); extend it or install kubectl");
            }
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object entry : asList(file, kustomization.get("resources"))) {
            Path resource = directory.resolve(entry.toString()).normalize();
            if (Files.isDirectory(resource)) {
                objects.addAll(read(resource));
            } else {
                YamlValue.loadAll(resource).forEach(document -> objects.add(asMap(resource, document.raw())));
            }
        }
        for (Object entry : asList(file, kustomization.get("patches"))) {
            applyPatch(file, directory, asMap(file, entry), objects);
        }
        for (Object entry : asList(file, kustomization.get("images"))) {
            Map<String, Object> image = asMap(file, entry);
            objects.forEach(object -> retagImages(file, image, object));
        }
        if (kustomization.get("namespace") instanceof String namespace) {
            objects.stream().filter(object -> !"Namespace".equals(object.get("kind")))
                    .forEach(object -> metadata(object).put("namespace", namespace));
        }
        for (Object entry : asList(file, kustomization.get("labels"))) {
            Map<String, Object> labels = asMap(file, entry);
            if (Boolean.TRUE.equals(labels.get("includeSelectors")) || labels.containsKey("includeTemplates")) {
                throw new IllegalStateException(file + ": labels with selectors or templates are not understood by"
                        + " the file reader of deploy-tests; install kubectl");
            }
            Map<String, Object> pairs = asMap(file, labels.get("pairs"));
            objects.forEach(object -> asMap(file, metadata(object).computeIfAbsent("labels",
                    k -> new LinkedHashMap<String, Object>())).putAll(pairs));
        }
        return objects;
    }

    private static void applyPatch(Path file, Path directory, Map<String, Object> patch, List<Map<String, Object>> objects) {
        if (patch.size() != 1 || !patch.containsKey("path")) {
            throw new IllegalStateException(file + ": only patches given by 'path' alone are understood by the file"
                    + " reader of deploy-tests, found " + patch.keySet() + "; install kubectl");
        }
        Path patchFile = directory.resolve(patch.get("path").toString()).normalize();
        for (YamlValue document : YamlValue.loadAll(patchFile)) {
            Map<String, Object> change = asMap(patchFile, document.raw());
            Object kind = change.get("kind");
            Object name = metadata(change).get("name");
            Map<String, Object> target = objects.stream()
                    .filter(object -> kind.equals(object.get("kind")) && name.equals(metadata(object).get("name")))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(patchFile + " patches " + kind + " " + name
                            + ", which the resources of " + file + " do not contain"));
            merge(target, change);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object merge(Object base, Object change) {
        if (base instanceof Map<?, ?> && change instanceof Map<?, ?> changes) {
            Map<String, Object> merged = (Map<String, Object>) base;
            changes.forEach((key, value) -> merged.merge(key.toString(), value, KustomizationReader::merge));
            return merged;
        }
        if (base instanceof List<?> && change instanceof List<?> changes && allNamed((List<?>) base) && allNamed(changes)) {
            List<Object> merged = (List<Object>) base;
            for (Object item : changes) {
                Object name = ((Map<?, ?>) item).get("name");
                merged.stream().filter(existing -> name.equals(((Map<?, ?>) existing).get("name"))).findFirst()
                        .ifPresentOrElse(existing -> merge(existing, item), () -> merged.add(item));
            }
            return merged;
        }
        return change;
    }

    private static boolean allNamed(List<?> items) {
        return items.stream().allMatch(item -> item instanceof Map<?, ?> map && map.containsKey("name"));
    }

    /** Kustomize's image transformer: every {@code containers}/{@code initContainers} item, at any depth. */
    private static void retagImages(Path file, Map<String, Object> image, Object node) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                boolean containers = "containers".equals(entry.getKey()) || "initContainers".equals(entry.getKey());
                if (containers && entry.getValue() instanceof List<?> list) {
                    list.forEach(container -> retag(file, image, asMap(file, container)));
                } else {
                    retagImages(file, image, entry.getValue());
                }
            }
        } else if (node instanceof List<?> list) {
            list.forEach(item -> retagImages(file, image, item));
        }
    }

    private static void retag(Path file, Map<String, Object> image, Map<String, Object> container) {
        if (!Set.of("name", "newName", "newTag").containsAll(image.keySet())) {
            throw new IllegalStateException(file + ": image fields " + image.keySet() + " are not understood by the"
                    + " file reader of deploy-tests; install kubectl");
        }
        if (!(container.get("image") instanceof String reference)) return;
        int tagAt = reference.lastIndexOf(':');
        boolean tagged = tagAt > reference.lastIndexOf('/');
        String name = tagged ? reference.substring(0, tagAt) : reference;
        if (!name.equals(image.get("name"))) return;
        String newName = image.getOrDefault("newName", name).toString();
        Object newTag = image.get("newTag");
        String tag = newTag != null ? ":" + newTag : tagged ? reference.substring(tagAt) : "";
        container.put("image", newName + tag);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> object) {
        Object metadata = object.computeIfAbsent("metadata", k -> new LinkedHashMap<String, Object>());
        if (metadata instanceof Map<?, ?>) return (Map<String, Object>) metadata;
        throw new IllegalStateException(object.get("kind") + ": metadata is not a map but " + metadata);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Path file, Object value) {
        if (value instanceof Map<?, ?> map) return (Map<String, Object>) map;
        throw new IllegalStateException(file + ": expected a map, found " + value);
    }

    private static List<?> asList(Path file, Object value) {
        if (value == null) return List.of();
        if (value instanceof List<?> list) return list;
        throw new IllegalStateException(file + ": expected a list, found " + value);
    }

    @Override
    public String toString() {
        return name();
    }
}
