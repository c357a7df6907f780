package dev.robust.deploy;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Compose's Prometheus configuration, as Prometheus' own checker reads it (Debian package {@code prometheus}). */
class PrometheusConfigTest {
    @Test
    void promtoolAcceptsTheConfiguration() {
        assumeTrue(ExternalCommand.works(List.of("promtool", "--version")),
                "skipped: promtool is not on the PATH (Debian package prometheus)");
        Path config = RepositoryFiles.existing("deploy/prometheus/prometheus.yml");
        ExternalCommand.Result check = ExternalCommand.run(List.of("promtool", "check", "config", config.toString()),
                RepositoryFiles.root(), Duration.ofSeconds(60));
        assertTrue(check.succeeded(), "promtool check config " + config + ":\n" + check.output());
    }
}
