package dev.robust.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboards compose's Grafana provisions read metrics that exist: every query names only series of the
 * metrics {@code docs/api.md} documents (which {@link MetricCatalogueTest} holds to the code's meters), through the
 * data source Grafana is provisioned with, and together they chart every documented metric.
 */
class GrafanaDashboardTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyPanelQueryNamesADocumentedMetric() throws IOException {
        Set<String> known = MetricCatalogue.documentedSeries(RepositoryFiles.existing("docs/api.md"));
        List<GrafanaDashboards.Query> queries = allQueries();
        assertTrue(queries.size() >= 20, "queries found: " + queries.size());
        assertEquals(List.of(), unknownMetrics(queries, known));
    }

    @Test
    void aQueryOnAMetricNoServiceExportsIsReported() {
        Set<String> known = Set.of("robust_trainer_loss");
        List<GrafanaDashboards.Query> queries = List.of(
                new GrafanaDashboards.Query("d.json", "loss", "max by (role) (robust_trainer_loss{role=\"teacher\"})"),
                new GrafanaDashboards.Query("d.json", "typo", "rate(robust_trainer_los[5m])"),
                new GrafanaDashboards.Query("d.json", "empty", ""));
        assertEquals(List.of("d.json, panel typo: robust_trainer_los is not a documented metric",
                "d.json, panel empty: the query names no metric"), unknownMetrics(queries, known));
    }

    @Test
    void theDashboardsChartEveryDocumentedMetric() throws IOException {
        Set<String> queried = new TreeSet<>();
        allQueries().forEach(query -> queried.addAll(PromQl.metricNames(query.expression())));
        List<String> uncharted = new ArrayList<>();
        for (MetricCatalogue.Metric metric : MetricCatalogue.documented(RepositoryFiles.existing("docs/api.md"))) {
            if (metric.series().stream().noneMatch(queried::contains)) uncharted.add(metric.name());
        }
        assertEquals(List.of(), uncharted, "documented metrics no dashboard charts");
    }

    @Test
    void everyPanelUsesTheProvisionedDataSourceAndEveryDashboardHasItsOwnUid() throws IOException {
        String uid = YamlValue.load(RepositoryFiles.existing("deploy/grafana/provisioning/datasources/prometheus.yml"))
                .at("datasources").list().get(0).at("uid").string();
        Set<String> uids = new TreeSet<>();
        for (Path file : GrafanaDashboards.files(RepositoryFiles.existing("deploy/grafana"))) {
            JsonNode dashboard = JSON.readTree(file.toFile());
            assertTrue(uids.add(dashboard.path("uid").asText()), "uid of " + file + " repeated");
            for (JsonNode panel : dashboard.path("panels")) {
                if (panel.path("type").asText().equals("row")) continue;
                assertEquals(uid, panel.path("datasource").path("uid").asText(),
                        file.getFileName() + ", panel " + panel.path("title").asText());
            }
        }
        assertFalse(uids.isEmpty(), "no dashboards in deploy/grafana");
    }

    @Test
    void readsMetricNamesOutOfPromQl() {
        assertEquals(Set.of("a_seconds_sum", "a_seconds_count"), PromQl.metricNames(
                "sum(rate(a_seconds_sum[$__rate_interval])) / sum by (job) (rate(a_seconds_count{x=~\"$v\"}[5m]))"));
        assertEquals(Set.of("robust_evaluation_top1"), PromQl.metricNames(
                "avg by (role, severity) (robust_evaluation_top1{role=~\"$role\", corruption!=\"clean\"}) * 100"));
        assertEquals(Set.of("robust_evaluation_top1"), PromQl.metricNames("label_values(robust_evaluation_top1, role)"));
        assertEquals(Set.of("x_total", "y"), PromQl.metricNames("increase(x_total[1h]) and on (topic) y offset 5m"));
    }

    private static List<GrafanaDashboards.Query> allQueries() throws IOException {
        List<GrafanaDashboards.Query> queries = new ArrayList<>();
        for (Path file : GrafanaDashboards.files(RepositoryFiles.existing("deploy/grafana"))) {
            queries.addAll(GrafanaDashboards.queries(file));
        }
        return queries;
    }

    /** One line per query that names no metric or a metric outside {@code known}. */
    private static List<String> unknownMetrics(List<GrafanaDashboards.Query> queries, Set<String> known) {
        List<String> problems = new ArrayList<>();
        for (GrafanaDashboards.Query query : queries) {
            String where = query.dashboard() + ", " + (query.panel().startsWith("variable ") ? "" : "panel ")
                    + query.panel() + ": ";
            Set<String> names = PromQl.metricNames(query.expression());
            if (names.isEmpty()) problems.add(where + "the query names no metric");
            for (String name : names) {
                if (!known.contains(name)) problems.add(where + name + " is not a documented metric");
            }
        }
        return problems;
    }
}
