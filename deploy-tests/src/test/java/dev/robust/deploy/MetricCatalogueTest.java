package dev.robust.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/api.md's metrics table and the meters the services register are the same set: a metric added in code and
 * not documented, or documented and gone from the code, fails here (and the dashboards are checked against the
 * table by {@link GrafanaDashboardTest}).
 */
class MetricCatalogueTest {
    private static final List<String> MODULES = List.of("common", "augment-service", "trainer-service", "eval-service");

    @Test
    void theDocumentedMetricsAreExactlyTheMetersTheServicesRegister() throws IOException {
        List<MetricCatalogue.Metric> documented = MetricCatalogue.documented(RepositoryFiles.existing("docs/api.md"));
        Map<String, Set<String>> registered = MetricCatalogue.registered(RepositoryFiles.root(), MODULES);
        Map<String, String> meterToFile = new TreeMap<>();
        registered.forEach((file, names) -> names.forEach(name -> meterToFile.put(name, file)));
        assertTrue(meterToFile.size() >= 20, "meters found in the sources: " + meterToFile);

        Set<String> undocumented = new TreeSet<>(meterToFile.keySet());
        Set<String> notInCode = new TreeSet<>();
        for (MetricCatalogue.Metric metric : documented) {
            Set<String> candidates = metric.meterNames();
            if (candidates.stream().noneMatch(meterToFile::containsKey)) notInCode.add(metric.name());
            undocumented.removeAll(candidates);
        }
        assertEquals(Set.of(), notInCode, "documented in docs/api.md, registered nowhere");
        Map<String, String> where = new TreeMap<>();
        undocumented.forEach(name -> where.put(name, meterToFile.get(name)));
        assertEquals(Map.of(), where, "registered, missing from docs/api.md's metrics table");
    }

    @Test
    void aTimerIsSeenAsItsCountSumAndMaxAndACounterWithoutItsTotal() {
        MetricCatalogue.Metric timer = new MetricCatalogue.Metric("robust_eval_sweep_duration_seconds", "timer");
        assertEquals(List.of("robust_eval_sweep_duration_seconds_count", "robust_eval_sweep_duration_seconds_sum",
                "robust_eval_sweep_duration_seconds_max"), timer.series());
        assertTrue(timer.meterNames().contains("robust_eval_sweep_duration"));
        assertTrue(new MetricCatalogue.Metric("robust_eval_sweeps_total", "counter").meterNames()
                .contains("robust_eval_sweeps"));
        assertEquals(Set.of("robust_eval_checkpoints_waiting"),
                new MetricCatalogue.Metric("robust_eval_checkpoints_waiting", "gauge").meterNames());
    }
}
