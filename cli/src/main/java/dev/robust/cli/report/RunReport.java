package dev.robust.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.robust.common.event.BaselineNormalization;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Everything {@code robust run} reports about one run: what ran on what data, how long each stage took, the
 * training history as the trainer recorded it, and the scores of the final teacher and student. It is written as
 * {@code report.json}; the Markdown, HTML and terminal forms are views of it.
 *
 * @param durationsSeconds stage name ({@code stack}, {@code ingest}, {@code training+evaluation}, {@code total}) →
 *                         seconds, in the order they ran
 * @param history          the trainer's per-epoch records ({@code GET /runs/{id}} {@code history})
 * @param version          the version of robust that ran it; null in reports written before it was recorded
 * @param baseline         the models' corruption errors normalized to the checkpoint {@code --baseline} named;
 *                         null when none was
 */
public record RunReport(String runId, String profile, Map<String, String> config, Dataset dataset, String cifar10c,
                        Instant startedAt, Instant finishedAt, Map<String, Double> durationsSeconds,
                        List<ModelScores> models, JsonNode history, String version, BaselineNormalization baseline) {

    /** A report without a baseline. */
    public RunReport(String runId, String profile, Map<String, String> config, Dataset dataset, String cifar10c,
                     Instant startedAt, Instant finishedAt, Map<String, Double> durationsSeconds,
                     List<ModelScores> models, JsonNode history, String version) {
        this(runId, profile, config, dataset, cifar10c, startedAt, finishedAt, durationsSeconds, models, history,
                version, null);
    }

    /** The engines that wrote the models, in the models' order ({@code –} when none is known). */
    public String engines() {
        String engines = models.stream().map(ModelScores::engine).filter(Objects::nonNull).distinct()
                .collect(Collectors.joining(", "));
        return engines.isEmpty() ? "–" : engines;
    }

    /** The seed of the run's resolved configuration ({@code –} when the trainer did not report one). */
    public String seed() {
        return config == null ? "–" : config.getOrDefault("seed", "–");
    }

    /** @param note where the data came from; says SYNTHETIC when it is */
    public record Dataset(String label, String spec, String note, boolean synthetic) {
    }
}
