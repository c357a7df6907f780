package dev.robust.cli.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code robust run} reports about one run: what ran on what data, how long each stage took, the
 * training history as the trainer recorded it, and the scores of the final teacher and student. It is written as
 * {@code report.json}; the Markdown, HTML and terminal forms are views of it.
 *
 * @param durationsSeconds stage name ({@code stack}, {@code ingest}, {@code training+evaluation}, {@code total}) →
 *                         seconds, in the order they ran
 * @param history          the trainer's per-epoch records ({@code GET /runs/{id}} {@code history})
 */
public record RunReport(String runId, String profile, Map<String, String> config, Dataset dataset, String cifar10c,
                        Instant startedAt, Instant finishedAt, Map<String, Double> durationsSeconds,
                        List<ModelScores> models, JsonNode history) {

    /** @param note where the data came from; says SYNTHETIC when it is */
    public record Dataset(String label, String spec, String note, boolean synthetic) {
    }
}
