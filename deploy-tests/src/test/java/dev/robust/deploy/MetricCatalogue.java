package dev.robust.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The metrics the services export, two ways: as {@code docs/api.md}'s metrics table documents them (Prometheus
 * names and types), and as the services' code registers them with Micrometer (dotted meter names). A dashboard
 * may query a documented metric; the documentation must name what the code registers.
 */
final class MetricCatalogue {
    /** A documented metric: its Prometheus name and type ({@code counter}, {@code gauge}, {@code timer}, or blank). */
    record Metric(String name, String type) {
        /** The series names Prometheus holds for it: a timer's {@code _count}, {@code _sum} and {@code _max}. */
        List<String> series() {
            return type.equals("timer") ? List.of(name + "_count", name + "_sum", name + "_max") : List.of(name);
        }

        /** The Micrometer name it comes from, dots as underscores: a counter without {@code _total}, a timer without its unit. */
        Set<String> meterNames() {
            Set<String> candidates = new TreeSet<>(Set.of(name));
            if (!type.equals("gauge")) candidates.add(name.replaceFirst("_total$", ""));
            if (!type.equals("gauge")) candidates.add(name.replaceFirst("_seconds$", ""));
            return candidates;
        }
    }

    private static final Pattern NAME = Pattern.compile("`([a-z_:][a-z0-9_:]*)(?:\\{[^}]*})?`");
    /** A meter registered with Micrometer: a dotted name in a string literal of a file that uses Micrometer. */
    private static final Pattern METER = Pattern.compile("\"((?:robust|augment)\\.[a-z0-9]+(?:\\.[a-z0-9]+)+)\"");

    private MetricCatalogue() {
    }

    /** The rows of the metrics table under {@code ## Metrics} in {@code api}; its metric cells, backquoted. */
    static List<Metric> documented(Path api) throws IOException {
        List<Metric> metrics = new ArrayList<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(api)) {
            if (line.startsWith("## ")) inSection = line.startsWith("## Metrics");
            if (!inSection || !line.startsWith("|") || line.startsWith("|---")) continue;
            String[] cells = line.split("\\|", -1);
            if (cells.length < 5 || cells[2].trim().equals("metric")) continue;
            String type = cells[3].trim();
            Matcher name = NAME.matcher(cells[2]);
            while (name.find()) metrics.add(new Metric(name.group(1), type));
        }
        if (metrics.isEmpty()) throw new IllegalStateException(api + " has no metrics table under ## Metrics");
        return metrics;
    }

    /** Every series name the documented metrics give Prometheus. */
    static Set<String> documentedSeries(Path api) throws IOException {
        Set<String> series = new TreeSet<>();
        for (Metric metric : documented(api)) series.addAll(metric.series());
        return series;
    }

    /**
     * Meter names in the main sources of {@code modules} that import Micrometer, dots replaced by underscores as
     * Prometheus writes them; file → names, for messages that say where a name comes from.
     */
    static Map<String, Set<String>> registered(Path root, List<String> modules) throws IOException {
        Map<String, Set<String>> byFile = new LinkedHashMap<>();
        for (String module : modules) {
            Path sources = root.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(sources)) continue;
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    String text = Files.readString(file);
                    if (!text.contains("import io.micrometer.")) continue;
                    Set<String> names = new TreeSet<>();
                    Matcher meter = METER.matcher(text);
                    while (meter.find()) names.add(meter.group(1).replace('.', '_'));
                    if (!names.isEmpty()) byFile.put(root.relativize(file).toString(), names);
                }
            }
        }
        return byFile;
    }
}
