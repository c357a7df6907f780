package dev.robust.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.robust.common.corruption.Corruption;
import dev.robust.common.event.Comparison;
import dev.robust.common.event.EvaluationResult;
import dev.robust.common.event.BaselineNormalization;
import dev.robust.common.event.NormalizedCorruptionError;
import dev.robust.common.event.RobustnessMetrics;
import dev.robust.common.stats.Interval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The report's tables as rows of cells: the headline scores, the verdicts, the per-corruption scores and the
 * training history.
 * One source for the Markdown file, the HTML page and the terminal, so the three never disagree.
 */
public final class ReportTables {
    /** A table: a header row and data rows of the same width. */
    public record Table(List<String> header, List<List<String>> rows) {
    }

    private ReportTables() {
    }

    /**
     * What ran on what: profile, engine, data (synthetic flagged), CIFAR-10-C, severities scored, seed, the version
     * of robust, when and how long. The header of the Markdown and HTML reports.
     */
    public static Table settings(RunReport report) {
        RunReport.Dataset data = report.dataset();
        String dataCell = data.note() + " (" + data.spec() + ")";
        if (data.synthetic() && !dataCell.toLowerCase(Locale.ROOT).contains("synthetic")) {
            dataCell = "SYNTHETIC — " + dataCell;
        }
        return new Table(List.of("", ""), List.of(
                List.of("profile", String.valueOf(report.profile())),
                List.of("engine", report.engines()),
                List.of("data", dataCell),
                List.of("CIFAR-10-C", String.valueOf(report.cifar10c())),
                List.of("severities scored", severitiesNote(report)),
                List.of("seed", report.seed()),
                List.of("robust version", report.version() == null ? "not recorded" : report.version()),
                List.of("started", String.valueOf(report.startedAt())),
                List.of("time", ReportMarkdown.durations(report.durationsSeconds()))));
    }

    /** The severities any model was scored at, ascending (clean not included). */
    public static SortedSet<Integer> severitiesScored(RunReport report) {
        SortedSet<Integer> severities = new TreeSet<>();
        for (ModelScores model : report.models()) {
            model.corruptions().forEach(c -> c.severities().forEach(slice -> severities.add(slice.severity())));
        }
        return severities;
    }

    /** {@code 1, 3, 5}; when only severity 5 is scored it says that C-all is then C-sev5. */
    static String severitiesNote(RunReport report) {
        SortedSet<Integer> severities = severitiesScored(report);
        if (severities.isEmpty()) return "none";
        String list = severities.stream().map(String::valueOf).collect(Collectors.joining(", "));
        return onlySeverity5(report) ? list + " only, so C-all = C-sev5" : list;
    }

    /** True when severity 5 is the only severity scored: C-all is then C-sev5. */
    static boolean onlySeverity5(RunReport report) {
        return severitiesScored(report).equals(Set.of(Corruption.MAX_SEVERITY));
    }

    /** Clean top-1, C-sev5 and C-all per model, each with its 95 % interval. */
    public static Table headline(RunReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (ModelScores model : report.models()) {
            String clean = withInterval(model.cleanTop1(), model.cleanInterval())
                    + (model.clean() == null ? "" : " (" + model.clean().correct() + "/" + model.clean().total() + ")");
            rows.add(List.of(model.name(), model.checkpointId(), clean,
                    withInterval(model.cSev5(), model.cSev5Interval()), withInterval(model.cAll(), model.cAllInterval()),
                    model.status()));
        }
        return new Table(List.of("model", "checkpoint", "clean top-1 [95 % CI]", "C-sev5 [95 % CI]",
                "C-all [95 % CI]", "status"), rows);
    }

    /**
     * Per model: RobustBench's common-corruptions accuracy and mCE (each with its interval) and relative mCE, which
     * need all 75 benchmark slices, then clean and corrupted ECE and NLL (NLL with its interval).
     */
    public static Table robustness(RunReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (ModelScores model : report.models()) {
            RobustnessMetrics m = model.metrics();
            List<String> row = new ArrayList<>(List.of(model.name()));
            if (m == null) {
                row.addAll(List.of("–", "–", "–", "–", "–", "–", "–"));
            } else {
                row.addAll(List.of(withInterval(m.commonCorruptionsAccuracy(), m.commonCorruptionsAccuracyInterval()),
                        withInterval(m.mce(), m.mceInterval()), percent(m.relativeMce()), ece(m.clean()),
                        nll(m.clean()), ece(m.corrupted()), nll(m.corrupted())));
            }
            if (report.baseline() != null) {
                NormalizedCorruptionError normalized = report.baseline().checkpoints().get(model.checkpointId());
                row.add(normalized == null ? "–"
                        : percent(normalized.mce()) + " · " + percent(normalized.relativeMce()));
            }
            rows.add(row);
        }
        List<String> header = new ArrayList<>(List.of("model", "common-corruptions accuracy [95 % CI]",
                "mCE [95 % CI]", "relative mCE", "clean ECE", "clean NLL [95 % CI]", "corrupted ECE",
                "corrupted NLL [95 % CI]"));
        if (report.baseline() != null) header.add("normalized mCE · relative");
        return new Table(header, rows);
    }

    /**
     * Why the benchmark figures are absent, when they are (the most benchmark slices any model lacks), and what the
     * normalized mCE is normalized to and where it is missing, why; empty when there is nothing to say.
     */
    public static String benchmarkNote(RunReport report) {
        int missing = 0;
        for (ModelScores model : report.models()) {
            int scored = model.metrics() == null ? 0 : model.metrics().benchmarkSlices();
            missing = Math.max(missing, RobustnessMetrics.BENCHMARK_SLICES - scored);
        }
        StringBuilder note = new StringBuilder(missing == 0 ? "" : "Common-corruptions accuracy and mCE need all 75 "
                + "benchmark slices (15 corruptions × 5 severities); up to " + missing + " are not scored in this run "
                + "(its profile scores fewer corruptions or severities), so they are left out.");
        BaselineNormalization baseline = report.baseline();
        if (baseline != null) {
            note.append(note.isEmpty() ? "" : " ").append("Normalized mCE: to ")
                    .append(baseline.baselineName() == null ? "" : baseline.baselineName() + " ")
                    .append("(").append(baseline.baselineCheckpointId()).append(").");
            baseline.unavailable().forEach((checkpoint, why) -> note.append(' ').append(checkpoint).append(": ")
                    .append(why).append('.'));
        }
        return note.toString();
    }

    /** Per corruption and model: ECE and mean NLL over its scored severities, in the released order. */
    public static Table calibrationPerCorruption(RunReport report) {
        List<String> header = new ArrayList<>(List.of("corruption"));
        for (ModelScores model : report.models()) header.add(model.name() + " ECE · NLL");
        List<List<String>> rows = new ArrayList<>();
        for (String corruption : corruptionsScored(report)) {
            List<String> row = new ArrayList<>(List.of(corruption));
            for (ModelScores model : report.models()) {
                RobustnessMetrics.SliceMetrics slice = model.metrics() == null ? null
                        : model.metrics().perCorruption().get(corruption);
                row.add(ece(slice) + " · " + (slice == null ? "–" : number(slice.nll(), "%.3f")));
            }
            rows.add(row);
        }
        return new Table(header, rows);
    }

    /**
     * Every paired comparison the models carry (the student against each final teacher): clean and C-sev5 first,
     * then each corruption at severity 5, when {@code everySlice}; only the first two otherwise.
     */
    public static Table verdicts(RunReport report, boolean everySlice) {
        List<List<String>> rows = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            for (ModelScores model : report.models()) {
                for (Comparison comparison : model.comparisons()) {
                    boolean headline = comparison.slice().equals(EvaluationResult.CLEAN)
                            || comparison.slice().equals(Comparison.C_SEV5);
                    if (headline != (pass == 0) || (!headline && !everySlice)) continue;
                    rows.add(List.of(model.name(), comparison.baselineName(), sliceName(comparison.slice()),
                            Long.toString(comparison.images()),
                            points(comparison.difference(), comparison.differenceInterval()),
                            pValue(comparison.pValue()), comparison.verdict().words()));
                }
            }
        }
        return new Table(List.of("model", "against", "slice", "images", "difference [95 % CI]", "McNemar p",
                "verdict"), rows);
    }

    /**
     * Per corruption and model: top-1 at severity 5 and the mean over the severities scored, in the released order.
     */
    public static Table perCorruption(RunReport report) {
        List<String> header = new ArrayList<>(List.of("corruption"));
        for (ModelScores model : report.models()) header.add(model.name() + " sev5");
        for (ModelScores model : report.models()) header.add(model.name() + " mean");
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

    /** {@code 44.2% [41.1, 47.3]}; the bare percentage when there is no interval. */
    public static String withInterval(Double top1, Interval interval) {
        if (top1 == null || interval == null) return percent(top1);
        return String.format(Locale.ROOT, "%.1f%% [%.1f, %.1f]", 100 * top1, 100 * interval.low(),
                100 * interval.high());
    }

    /** A difference of top-1s in points with its interval: {@code +3.1 pt [+0.4, +5.8]}. */
    public static String points(double difference, Interval interval) {
        return String.format(Locale.ROOT, "%+.1f pt [%+.1f, %+.1f]", 100 * difference, 100 * interval.low(),
                100 * interval.high());
    }

    private static String ece(RobustnessMetrics.SliceMetrics slice) {
        return slice == null ? "–" : number(slice.ece(), "%.3f");
    }

    /** A mean NLL with its interval: {@code 0.412 [0.398, 0.426]}. */
    private static String nll(RobustnessMetrics.SliceMetrics slice) {
        if (slice == null || slice.nll() == null) return "–";
        if (slice.nllInterval() == null) return number(slice.nll(), "%.3f");
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", slice.nll(), slice.nllInterval().low(),
                slice.nllInterval().high());
    }

    private static String number(Double value, String format) {
        return value == null ? "–" : String.format(Locale.ROOT, format, value);
    }

    public static String pValue(double p) {
        return p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", p);
    }

    private static String sliceName(String slice) {
        return slice.equals(Comparison.C_SEV5) ? "C-sev5 (pooled)"
                : slice.equals(EvaluationResult.CLEAN) ? "clean" : slice + " (sev 5)";
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
