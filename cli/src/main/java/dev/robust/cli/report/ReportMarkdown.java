package dev.robust.cli.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code report.md}: the report for a terminal, a pull request or a notebook. */
public final class ReportMarkdown {
    /** What the intervals are, said once under the scores (Markdown and HTML). */
    static final String INTERVALS = "Brackets: 95 % Wilson intervals over the images scored (C-sev5 and C-all pool "
            + "their slices' images, treating the corrupted copies of one test image as independent).";
    /** How the verdicts are drawn, said once under their table. */
    static final String VERDICTS = "Each model against each final teacher on the same images: difference of top-1 "
            + "(normal approximation for paired proportions), McNemar's exact two-sided test on the images only one "
            + "of the two got right, and the verdict at 95 % from that test. C-sev5 pools every corruption's "
            + "severity-5 images.";

    /** What the robustness metrics are, said once under their table (Markdown and HTML). */
    static final String METRICS = "Common-corruptions accuracy: RobustBench's, the mean top-1 over the 15 benchmark "
            + "corruptions × 5 severities (95 % Wilson interval of their images pooled). mCE and relative mCE: "
            + "Hendrycks & Dietterich's, unnormalized (error = 1 − top-1; mCE = 1 − that accuracy). ECE: expected "
            + "calibration error over 15 equal-width confidence bins (no interval: that needs a bootstrap over the "
            + "images); NLL: mean negative log-likelihood of the true label (natural log; 95 % t interval). "
            + "\"Corrupted\" pools every corrupted slice scored. mCE normalized to a baseline model (Hendrycks & "
            + "Dietterich's ratios of summed errors): robust run --baseline <checkpoint id>, or the eval-service's "
            + "GET /runs/{id}/report?baseline=<checkpoint id>.";

    private ReportMarkdown() {
    }

    public static String render(RunReport report, List<String> charts) {
        StringBuilder md = new StringBuilder();
        md.append("# robust run ").append(report.runId()).append("\n\n");
        if (report.dataset().synthetic()) {
            md.append("> **Synthetic data.** These scores are on procedurally generated images, not CIFAR-10; "
                    + "they show "
                    + "the pipeline works, not how robust a model is.\n\n");
        }
        md.append(table(ReportTables.settings(report)));
        md.append("\n## Scores\n\n").append(table(ReportTables.headline(report)));
        md.append("\nC-sev5: mean top-1 over the corruptions scored at severity 5; "
                + "C-all: over every severity scored" + sev5Only(report) + ". " + INTERVALS + "\n");
        ReportTables.Table verdicts = ReportTables.verdicts(report, true);
        if (!verdicts.rows().isEmpty()) {
            md.append("\n## Verdicts\n\n").append(table(verdicts)).append("\n").append(VERDICTS).append("\n");
        }
        md.append("\n## Robustness metrics\n\n").append(table(ReportTables.robustness(report))).append("\n")
                .append(METRICS).append(spaced(ReportTables.benchmarkNote(report))).append("\n");
        md.append("\n## Per corruption\n\n").append(table(ReportTables.perCorruption(report)));
        md.append("\n### Calibration per corruption\n\n").append(table(ReportTables.calibrationPerCorruption(report)));
        md.append("\n## Training\n\n").append(table(ReportTables.history(report)));
        if (!charts.isEmpty()) {
            md.append("\n## Charts\n\n");
            charts.forEach(chart -> md.append("![").append(chart).append("](").append(chart).append(")\n"));
        }
        return md.toString();
    }

    /** When severity 5 is the only one scored, C-all and C-sev5 are the same figure: said next to them. */
    static String sev5Only(RunReport report) {
        return ReportTables.onlySeverity5(report) ? " (only severity 5 was scored, so C-all = C-sev5)" : "";
    }

    /** {@code text} after a space, or nothing when it is empty. */
    static String spaced(String text) {
        return text.isEmpty() ? "" : " " + text;
    }

    /** {@code stage 12 s, stage 30 s}, in the order the stages ran. */
    public static String durations(Map<String, Double> seconds) {
        return seconds.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.0f s", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    static String table(ReportTables.Table table) {
        StringBuilder md = new StringBuilder();
        row(md, table.header());
        md.append("|").append("---|".repeat(table.header().size())).append('\n');
        table.rows().forEach(r -> row(md, r));
        return md.toString();
    }

    private static void row(StringBuilder md, List<String> cells) {
        md.append('|');
        cells.forEach(cell -> md.append(' ').append(cell.replace("|", "\\|")).append(" |"));
        md.append('\n');
    }
}
