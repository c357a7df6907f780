package dev.robust.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.robust.common.corruption.Corruption;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The report's tables as rows of cells: the headline scores, the per-corruption scores and the training history.
 * One source for the Markdown file, the HTML page and the terminal, so the three never disagree.
 */
public final class ReportTables {
    /** A table: a header row and data rows of the same width. */
    public record Table(List<String> header, List<List<String>> rows) {
    }

    private ReportTables() {
    }

    /** Clean top-1, C-sev5 and C-all per model. */
    public static Table headline(RunReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (ModelScores model : report.models()) {
            String clean = percent(model.cleanTop1())
                    + (model.clean() == null ? "" : " (" + model.clean().correct() + "/" + model.clean().total() + ")");
            rows.add(List.of(model.role(), model.checkpointId(), clean, percent(model.cSev5()), percent(model.cAll()),
                    model.status()));
        }
        return new Table(List.of("model", "checkpoint", "clean top-1", "C-sev5", "C-all", "status"), rows);
    }

    /**
     * Per corruption and model: top-1 at severity 5 and the mean over the severities scored, in the released order.
     */
    public static Table perCorruption(RunReport report) {
        List<String> header = new ArrayList<>(List.of("corruption"));
        for (ModelScores model : report.models()) header.add(model.role() + " sev5");
        for (ModelScores model : report.models()) header.add(model.role() + " mean");
        List<List<String>> rows = new ArrayList<>();
        for (String corruption : corruptionsScored(report)) {
            List<String> row = new ArrayList<>(List.of(corruption));
            for (ModelScores model : report.models()) {
                row.add(percent(model.corruption(corruption).flatMap(c -> c.at(Corruption.MAX_SEVERITY))
                        .map(Slice::top1).orElse(null)));
            }
            for (ModelScores model : report.models()) {
                row.add(percent(model.corruption(corruption).map(ReportTables::mean).orElse(null)));
            }
            rows.add(row);
        }
        return new Table(header, rows);
    }

    /** One row per trained epoch, from the trainer's history. */
    public static Table history(RunReport report) {
        List<List<String>> rows = new ArrayList<>();
        if (report.history() != null) {
            for (JsonNode epoch : report.history()) {
                JsonNode metrics = epoch.path("metrics");
                rows.add(List.of(epoch.path("phase").asText(), Integer.toString(epoch.path("epoch").asInt() + 1),
                        number(metrics, "loss", "%.4f"), fraction(metrics, "accuracy"),
                        number(metrics, "valLoss", "%.4f"),
                        fraction(metrics, "valAccuracy"), number(metrics, "lr", "%.2g"),
                        number(metrics, "imagesPerSecond", "%.0f"), epoch.path("checkpointId").asText("")));
            }
        }
        return new Table(List.of("phase", "epoch", "loss", "accuracy", "val loss", "val accuracy", "lr", "img/s",
                "checkpoint"), rows);
    }

    /** The corruptions any model was scored on, in the released order. */
    public static List<String> corruptionsScored(RunReport report) {
        Set<String> ids = new LinkedHashSet<>();
        for (ModelScores model : report.models()) {
            model.corruptions().forEach(c -> ids.add(c.corruption()));
        }
        return List.copyOf(ids);
    }

    public static String percent(Double top1) {
        return top1 == null ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * top1);
    }

    /** Lays a table out in fixed-width columns for the terminal. */
    public static String aligned(Table table) {
        List<List<String>> all = new ArrayList<>();
        all.add(table.header());
        all.addAll(table.rows());
        int[] widths = new int[table.header().size()];
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) widths[i] = Math.max(widths[i], row.get(i).length());
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                // Names left, numbers right: the first column is always a name.
                text.append(i == 0 ? pad(cell, widths[i], false) : "  " + pad(cell, widths[i], true));
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static String pad(String cell, int width, boolean right) {
        String space = " ".repeat(width - cell.length());
        return right ? space + cell : cell + space;
    }

    private static Double mean(CorruptionScores scores) {
        return scores.severities().stream().mapToDouble(Slice::top1).average().orElse(Double.NaN);
    }

    private static String number(JsonNode metrics, String field, String format) {
        return metrics.hasNonNull(field) ? String.format(Locale.ROOT, format, metrics.path(field).asDouble()) : "–";
    }

    private static String fraction(JsonNode metrics, String field) {
        return metrics.hasNonNull(field) ? percent(metrics.path(field).asDouble()) : "–";
    }
}
