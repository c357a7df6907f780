package dev.robust.cli.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes a study into its directory: study.json, study.md and study.html. */
public final class StudyFiles {
    public static final String JSON = "study.json";
    public static final String MARKDOWN = "study.md";
    public static final String HTML = "study.html";

    private static final String METHOD = "Each arm is the profile with the overrides shown, run once per seed (the "
            + "profile's seed, then +1, …) through one stack. Means over seeds carry a 95 % Student-t interval; "
            + "differences are paired by seed (same data order, same initial weights) and their mean carries a "
            + "95 % t interval. With few seeds these intervals are wide: they measure seed-to-seed variation, "
            + "which the per-run paired tests in each run's verdicts do not.";

    private StudyFiles() {
    }

    public static void write(StudyReport study, Path dir) throws IOException {
        Files.createDirectories(dir);
        ReportFiles.mapper().writeValue(dir.resolve(JSON).toFile(), study);
        Files.writeString(dir.resolve(MARKDOWN), markdown(study), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(HTML), html(study), StandardCharsets.UTF_8);
    }

    public static StudyReport read(Path json) throws IOException {
        return ReportFiles.mapper().readValue(json.toFile(), StudyReport.class);
    }

    static String markdown(StudyReport study) {
        StringBuilder md = new StringBuilder("# robust study (profile ").append(study.profile()).append(")\n\n");
        if (study.dataset().synthetic()) {
            md.append("> **Synthetic data.** These scores show the pipeline works, not how robust a model is.\n\n");
        }
        md.append("Data: ").append(study.dataset().note()).append(" · CIFAR-10-C: ").append(study.cifar10c())
                .append(" · seeds ").append(study.seeds()).append(" · ")
                .append(ReportMarkdown.durations(study.durationsSeconds())).append("\n\n");
        md.append("## Arms\n\n").append(ReportMarkdown.table(arms(study)));
        md.append("\n## Means over seeds\n\n").append(ReportMarkdown.table(StudyTables.means(study)));
        md.append("\n## Paired differences\n\n").append(ReportMarkdown.table(StudyTables.differences(study)));
        md.append("\n").append(METHOD).append("\n");
        md.append("\n## Runs\n\n").append(ReportMarkdown.table(StudyTables.runs(study)));
        return md.toString();
    }

    static String html(StudyReport study) {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>robust study</title>
                <style>
                body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 80em; color: #1a202c; }
                table { border-collapse: collapse; margin: 1em 0; }
                th, td { border: 1px solid #cbd5e0; padding: .3em .7em; text-align: left; }
                .warning { background: #fefcbf; border: 1px solid #d69e2e; padding: .7em 1em; }
                </style></head><body>
                """);
        html.append("<h1>robust study (profile ").append(ReportHtml.escape(study.profile())).append(")</h1>\n");
        if (study.dataset().synthetic()) {
            html.append("<p class=\"warning\"><strong>Synthetic data.</strong> These scores show the pipeline "
                    + "works, not how robust a model is.</p>\n");
        }
        html.append("<p>").append(ReportHtml.escape("Data: " + study.dataset().note() + " · CIFAR-10-C: "
                + study.cifar10c() + " · seeds " + study.seeds() + " · "
                + ReportMarkdown.durations(study.durationsSeconds()))).append("</p>\n");
        html.append("<h2>Arms</h2>\n").append(ReportHtml.table(arms(study)));
        html.append("<h2>Means over seeds</h2>\n").append(ReportHtml.table(StudyTables.means(study)));
        html.append("<h2>Paired differences</h2>\n").append(ReportHtml.table(StudyTables.differences(study)));
        html.append("<p>").append(ReportHtml.escape(METHOD)).append("</p>\n");
        html.append("<h2>Runs</h2>\n").append(ReportHtml.table(StudyTables.runs(study)));
        return html.append("</body></html>\n").toString();
    }

    private static ReportTables.Table arms(StudyReport study) {
        return new ReportTables.Table(List.of("arm", "overrides"), study.arms().stream()
                .map(arm -> List.of(arm.name(), arm.overrides().isEmpty() ? "(none: the profile as it is)"
                        : arm.overrides().toString())).toList());
    }
}
