package dev.robust.cli.report;

import java.util.List;

/** {@code report.html}: one self-contained page (the charts next to it as PNG files). */
public final class ReportHtml {
    private ReportHtml() {
    }

    public static String render(RunReport report, List<String> charts) {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <title>robust run %s</title>
                <style>
                body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 70em; color: #1a202c; }
                table { border-collapse: collapse; margin: 1em 0; }
                th, td { border: 1px solid #cbd5e0; padding: .3em .7em; text-align: right; }
                th:first-child, td:first-child, .text { text-align: left; }
                .warning { background: #fefcbf; border: 1px solid #d69e2e; padding: .7em 1em; }
                img { max-width: 100%%; margin: 1em 0; display: block; }
                #settings th { display: none; }
                #settings td { text-align: left; }
                </style></head><body>
                """.formatted(escape(report.runId())));
        html.append("<h1>robust run ").append(escape(report.runId())).append("</h1>\n");
        if (report.dataset().synthetic()) {
            html.append("<p class=\"warning\"><strong>Synthetic data.</strong> These scores are on procedurally "
                    + "generated images, not CIFAR-10; they show the pipeline works, not how robust a model is.</p>\n");
        }
        html.append(table(ReportTables.settings(report), "settings"));
        html.append("<h2>Scores</h2>\n").append(table(ReportTables.headline(report)));
        html.append("<p>C-sev5: mean top-1 over the corruptions scored at severity 5; C-all: over every severity "
                + "scored").append(escape(ReportMarkdown.sev5Only(report))).append(". ")
                .append(escape(ReportMarkdown.INTERVALS)).append("</p>\n");
        ReportTables.Table verdicts = ReportTables.verdicts(report, true);
        if (!verdicts.rows().isEmpty()) {
            html.append("<h2>Verdicts</h2>\n").append(table(verdicts)).append("<p>")
                    .append(escape(ReportMarkdown.VERDICTS)).append("</p>\n");
        }
        html.append("<h2>Robustness metrics</h2>\n").append(table(ReportTables.robustness(report), "robustness"))
                .append("<p>").append(escape(ReportMarkdown.METRICS + ReportMarkdown.spaced(
                        ReportTables.benchmarkNote(report)))).append("</p>\n");
        html.append("<h2>Per corruption</h2>\n").append(table(ReportTables.perCorruption(report)));
        html.append("<h3>Calibration per corruption</h3>\n")
                .append(table(ReportTables.calibrationPerCorruption(report)));
        charts.forEach(chart -> html.append("<img src=\"").append(escape(chart)).append("\" alt=\"")
                .append(escape(chart)).append("\">\n"));
        html.append("<h2>Training</h2>\n").append(table(ReportTables.history(report)));
        html.append("</body></html>\n");
        return html.toString();
    }

    static String table(ReportTables.Table table) {
        return table(table, null);
    }

    /** A table; {@code id} (may be null) lets a reader or a test find it. */
    static String table(ReportTables.Table table, String id) {
        StringBuilder html = new StringBuilder(id == null ? "<table>\n<tr>" : "<table id=\"" + id + "\">\n<tr>");
        // A heading sits over its column's figures or names: aligned as the column's first cell is.
        List<String> first = table.rows().isEmpty() ? List.of() : table.rows().get(0);
        for (int column = 0; column < table.header().size(); column++) {
            boolean text = column < first.size() && !isNumber(first.get(column));
            html.append(text ? "<th class=\"text\">" : "<th>").append(escape(table.header().get(column)))
                    .append("</th>");
        }
        html.append("</tr>\n");
        for (List<String> row : table.rows()) {
            html.append("<tr>");
            row.forEach(cell -> html.append(isNumber(cell) ? "<td>" : "<td class=\"text\">").append(escape(cell))
                    .append("</td>"));
            html.append("</tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    /** Figures ("45.8% [42.7, 48.9]", "+2.5 pt", "< 0.001", "–") align right; names and words left. */
    static boolean isNumber(String cell) {
        return cell != null && cell.matches("[-+<>–−]?\\s?[0-9.].*|–");
    }

    static String escape(String text) {
        if (text == null) return "";
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
