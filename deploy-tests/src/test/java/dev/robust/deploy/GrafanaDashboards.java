package dev.robust.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The dashboards Grafana provisions from {@code deploy/grafana/}, and every PromQL query in them. */
final class GrafanaDashboards {
    /** One query: the dashboard file, the panel (or template variable) it belongs to, and its expression. */
    record Query(String dashboard, String panel, String expression) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private GrafanaDashboards() {
    }

    /** The dashboard JSON files: the JSON directly in {@code dir}, as the file provider loads it. */
    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** Every panel target's {@code expr} (panels in rows included) and every query template variable. */
    static List<Query> queries(Path dashboard) throws IOException {
        JsonNode root = JSON.readTree(dashboard.toFile());
        String file = dashboard.getFileName().toString();
        List<Query> queries = new ArrayList<>();
        collect(file, root.path("panels"), queries);
        for (JsonNode variable : root.path("templating").path("list")) {
            if (!variable.path("type").asText().equals("query")) continue;
            JsonNode query = variable.path("query");
            String expression = query.isTextual() ? query.asText() : query.path("query").asText();
            queries.add(new Query(file, "variable " + variable.path("name").asText(), expression));
        }
        return queries;
    }

    private static void collect(String file, JsonNode panels, List<Query> queries) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new Query(file, panel.path("title").asText(), target.path("expr").asText()));
            }
            collect(file, panel.path("panels"), queries);
        }
    }
}
