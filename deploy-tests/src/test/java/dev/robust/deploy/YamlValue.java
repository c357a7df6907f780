package dev.robust.deploy;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A node of a parsed YAML document with the path that led to it, so a failed expectation says where it looked
 * ({@code trainer-service.spec.template.spec.containers[0].resources}) rather than throwing a bare
 * {@code ClassCastException}. A missing key is a value too ({@link #isMissing()}), so lookups can be chained.
 */
final class YamlValue {
    private final String path;
    private final Object value;

    private YamlValue(String path, Object value) {
        this.path = path;
        this.value = value;
    }

    static YamlValue of(String path, Object value) {
        return new YamlValue(path, value);
    }

    /** Every document of a (multi-document) YAML file; empty documents are skipped. */
    static List<YamlValue> loadAll(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return loadAll(file.toString(), reader);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static List<YamlValue> loadAll(String source, String text) {
        return loadAll(source, new StringReader(text));
    }

    private static List<YamlValue> loadAll(String source, Reader reader) {
        List<YamlValue> documents = new ArrayList<>();
        int index = 0;
        for (Object document : new Yaml(new LoaderOptions()).loadAll(reader)) {
            if (document != null) documents.add(new YamlValue(source + "#" + index, document));
            index++;
        }
        return documents;
    }

    static YamlValue load(Path file) {
        List<YamlValue> documents = loadAll(file);
        if (documents.size() != 1) {
            throw new IllegalStateException(file + ": expected one YAML document, found " + documents.size());
        }
        return documents.get(0);
    }

    /** The value under {@code keys}, one map level per key. */
    YamlValue at(String... keys) {
        YamlValue current = this;
        for (String key : keys) {
            Object next = current.value instanceof Map<?, ?> map ? map.get(key) : null;
            current = new YamlValue(current.path + "." + key, next);
        }
        return current;
    }

    boolean isMissing() {
        return value == null;
    }

    String path() {
        return path;
    }

    Object raw() {
        return value;
    }

    /** Scalars of any type as text (YAML reads {@code 9092} as a number, {@code "9092"} as a string). */
    String string() {
        if (value == null || value instanceof Map || value instanceof List) {
            throw new AssertionError(path + ": expected a scalar, found " + describe());
        }
        return value.toString();
    }

    Optional<String> optionalString() {
        return value == null ? Optional.empty() : Optional.of(string());
    }

    long number() {
        if (value instanceof Number number) return number.longValue();
        throw new AssertionError(path + ": expected a number, found " + describe());
    }

    List<YamlValue> list() {
        if (value == null) return List.of();
        if (!(value instanceof List<?> items)) {
            throw new AssertionError(path + ": expected a list, found " + describe());
        }
        List<YamlValue> result = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) result.add(new YamlValue(path + "[" + i + "]", items.get(i)));
        return result;
    }

    /** The entries of a map, in file order; a missing map is empty. */
    Map<String, YamlValue> map() {
        if (value == null) return Map.of();
        if (!(value instanceof Map<?, ?> entries)) {
            throw new AssertionError(path + ": expected a map, found " + describe());
        }
        Map<String, YamlValue> result = new LinkedHashMap<>();
        entries.forEach((k, v) -> result.put(String.valueOf(k), new YamlValue(path + "." + k, v)));
        return result;
    }

    /** The element of a list of maps whose {@code name} is {@code name}, as Kubernetes lists are keyed. */
    YamlValue named(String name) {
        return list().stream()
                .filter(item -> name.equals(item.at("name").optionalString().orElse(null)))
                .findFirst()
                .orElse(new YamlValue(path + "[name=" + name + "]", null));
    }

    private String describe() {
        return value == null ? "nothing" : value.getClass().getSimpleName() + " " + value;
    }

    @Override
    public String toString() {
        return path + " = " + value;
    }
}
