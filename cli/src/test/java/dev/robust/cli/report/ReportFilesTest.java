package dev.robust.cli.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.robust.common.corruption.Corruption;
import dev.robust.common.event.BaselineNormalization;
import dev.robust.common.event.Comparison;
import dev.robust.common.event.EvaluationResult;
import dev.robust.common.event.EvaluationSummary;
import dev.robust.common.event.ModelKind;
import dev.robust.common.event.ModelRole;
import dev.robust.common.stats.Calibration;
import dev.robust.common.stats.CalibrationBin;
import dev.robust.common.stats.PairedDifference;
import dev.robust.common.stats.Wilson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportFilesTest {
    @TempDir
    Path dir;

    @Test
    void modelScoresKeepTheSummaryHeadlineAndTheCountsOfEveryResult() {
        ModelScores teacher = scores(ModelRole.TEACHER, 0.8, 0.5);
        assertEquals(0.8, teacher.cleanTop1(), 1e-9);
        assertEquals(Slice.of(0, 80, 100, 0.8), teacher.clean());
        assertEquals(Wilson.interval(80, 100), teacher.clean().interval());
        assertEquals("SWA teacher", teacher.name());
        // Canonical CIFAR-10-C order, not alphabetical: gaussian_noise comes before fog.
        assertEquals(List.of("gaussian_noise", "fog"), teacher.corruptions().stream()
                .map(CorruptionScores::corruption).toList());
        Slice fog5 = teacher.corruption("fog").orElseThrow().at(5).orElseThrow();
        assertEquals(50, fog5.correct());
        assertEquals(100, fog5.total());
        assertEquals(teacher.cSev5(), teacher.meanAt(5).orElseThrow(), 1e-9);
    }

    @Test
    void rejectsResultsOfAnotherCheckpoint() {
        EvaluationSummary summary = EvaluationSummary.of(results("run-1-teacher-0", ModelRole.TEACHER, 0.8, 0.5));

        assertThrows(IllegalArgumentException.class, () ->
                ModelScores.of(summary, results("run-1-student-0", ModelRole.STUDENT, 0.8, 0.5)));
    }

    @Test
    void writesJsonMarkdownHtmlAndTwoChartsThatReadBack() throws IOException {
        RunReport report = report(true);
        ReportFiles.write(report, dir);

        RunReport read = ReportFiles.read(dir.resolve(ReportFiles.JSON));
        assertEquals(report.models(), read.models());
        assertEquals(List.of("stack start", "ingest", "total"), List.copyOf(read.durationsSeconds().keySet()));
        String markdown = Files.readString(dir.resolve(ReportFiles.MARKDOWN));
        assertTrue(markdown.contains("Synthetic data"), markdown);
        // Wilson 95 % of 80/100 by SciPy: [71.1, 86.7].
        assertTrue(markdown.contains("| SWA teacher | run-1-teacher-0 | 80.0% [71.1, 86.7] (80/100) |"), markdown);
        // 12 images only the student got right, 7 only the teacher: +5.0 points, McNemar p = 0.359 (SciPy).
        assertTrue(markdown.contains("| student | SWA teacher | clean | 100 | +5.0 pt ["), markdown);
        assertTrue(markdown.contains("| 0.359 | no significant difference at 95 % |"), markdown);
        assertTrue(Files.readString(dir.resolve(ReportFiles.HTML)).contains("<img src=\""
                + ReportCharts.SEVERITY5_CHART + "\""));
        for (String chart : List.of(ReportCharts.SEVERITY5_CHART, ReportCharts.SEVERITY_CHART)) {
            assertNotNull(ImageIO.read(dir.resolve(chart).toFile()), chart);
        }
    }

    /**
     * Every image of the teacher's slices at confidence .9 with NLL sum .5 per image (squares .3): clean ECE
     * |.8 − .9| = .100; NLL .500 with t(.975, 99) = 1.98422 · √(5/99)/10 = .0446 either side. The run scores 4 of
     * the 75 benchmark slices, so the benchmark figures are absent and the note says so. Fog pools severities 5
     * and 1 (top-1 .5 and .7): ECE |.6 − .9| = .300.
     */
    @Test
    void robustnessMetricsAppearInEveryFormWithWhyTheBenchmarkFiguresAreAbsent() throws IOException {
        List<EvaluationResult> results = results("run-1-teacher-0", ModelRole.TEACHER, 0.8, 0.5).stream()
                .map(ReportFilesTest::withLikelihoods).toList();
        ModelScores teacher = ModelScores.of(EvaluationSummary.of(results), results);
        RunReport base = report(true);
        RunReport report = new RunReport(base.runId(), base.profile(), base.config(), base.dataset(), base.cifar10c(),
                base.startedAt(), base.finishedAt(), base.durationsSeconds(), List.of(teacher), base.history(),
                base.version());
        ReportFiles.write(report, dir);
        String markdown = Files.readString(dir.resolve(ReportFiles.MARKDOWN));
        assertTrue(markdown.contains("| SWA teacher | – | – | – | 0.100 | 0.500 [0.455, 0.545] |"), markdown);
        assertTrue(markdown.contains("up to 71 are not scored"), markdown);
        assertTrue(markdown.contains("| fog | 0.300 · 0.500 |"), markdown);
        String html = Files.readString(dir.resolve(ReportFiles.HTML));
        assertTrue(html.contains("<table id=\"robustness\">"), html);
        assertTrue(html.contains("<td>0.500 [0.455, 0.545]</td>"), html);
        // Names read left, figures right: the model's name is text, its missing figures are dashes (right).
        assertTrue(html.contains("<tr><td class=\"text\">SWA teacher</td><td>–</td>"), html);
        assertEquals(teacher.metrics(), ReportFiles.read(dir.resolve(ReportFiles.JSON)).models().get(0).metrics());
    }

    /**
     * Both models scored on clean and all 75 benchmark slices (1,000 images each), the teacher named as baseline:
     * worked by hand in common's RobustnessMetricsTest (teacher top-1 .8 − .1s, clean .85; student .9 − .1s − .005c,
     * clean .93): the student's normalized mCE .87 and relative 1.825/1.75 = 104.3 %, the teacher's 100 % to itself.
     * A baseline the feed never saw leaves every model unavailable, saying why.
     */
    @Test
    void normalizedMceAppearsWhenABaselineIsNamed() throws IOException {
        List<EvaluationResult> teacherResults = benchmark("run-1-teacher-0", ModelRole.TEACHER, 850,
                (c, s) -> 800 - 100 * s);
        List<EvaluationResult> studentResults = benchmark("run-1-student-0", ModelRole.STUDENT, 930,
                (c, s) -> 900 - 100 * s - 5 * c);
        EvaluationSummary teacher = EvaluationSummary.of(teacherResults);
        EvaluationSummary student = EvaluationSummary.of(studentResults);
        RunReport base = report(false);
        RunReport report = new RunReport(base.runId(), base.profile(), base.config(), base.dataset(), base.cifar10c(),
                base.startedAt(), base.finishedAt(), base.durationsSeconds(),
                List.of(ModelScores.of(teacher, teacherResults), ModelScores.of(student, studentResults)),
                base.history(), base.version(), BaselineNormalization.of(List.of(teacher, student), teacher));
        String markdown = ReportMarkdown.render(report, List.of());
        assertTrue(markdown.contains("| student | 56.5% [56.1, 56.9] | 43.5% [43.1, 43.9] | 36.5% |"), markdown);
        assertTrue(markdown.contains(" | 87.0% · 104.3% |"), markdown);
        assertTrue(markdown.contains(" | 100.0% · 100.0% |"), markdown);
        assertTrue(markdown.contains("Normalized mCE: to SWA teacher (run-1-teacher-0)."), markdown);
        ReportFiles.write(report, dir);
        assertEquals(report.baseline(), ReportFiles.read(dir.resolve(ReportFiles.JSON)).baseline());

        RunReport missing = new RunReport(base.runId(), base.profile(), base.config(), base.dataset(),
                base.cifar10c(), base.startedAt(), base.finishedAt(), base.durationsSeconds(), report.models(),
                base.history(), base.version(), BaselineNormalization.unavailable("nobody", List.of(student),
                        "baseline nobody has no summary"));
        assertTrue(ReportHtml.render(missing, List.of()).contains("run-1-student-0: baseline nobody has no summary."));
    }

    /** Clean and every corruption × severity, 1,000 images each, {@code correct(c, s)}, c the released position. */
    private static List<EvaluationResult> benchmark(String checkpoint, ModelRole role, int clean,
                                                    java.util.function.IntBinaryOperator correct) {
        List<EvaluationResult> results = new ArrayList<>();
        results.add(thousand(checkpoint, role, EvaluationResult.CLEAN, 0, clean));
        for (Corruption corruption : Corruption.values()) {
            for (int s = 1; s <= 5; s++) {
                results.add(thousand(checkpoint, role, corruption.id(), s,
                        correct.applyAsInt(corruption.ordinal(), s)));
            }
        }
        return results;
    }

    private static EvaluationResult thousand(String checkpoint, ModelRole role, String corruption, int severity,
                                             int correct) {
        return new EvaluationResult(checkpoint, "run-1", role, 0, "dl4j", "synthetic", corruption, severity, correct,
                1_000, correct / 1_000.0, EvaluationResult.Status.OK, null,
                role == ModelRole.TEACHER ? ModelKind.SWA : ModelKind.FINAL);
    }

    private static EvaluationResult withLikelihoods(EvaluationResult r) {
        List<CalibrationBin> bins = new ArrayList<>(Calibration.empty());
        bins.set(13, new CalibrationBin(r.total(), 0.9 * r.total(), r.correct()));
        return new EvaluationResult(r.checkpointId(), r.runId(), r.role(), r.epoch(), r.engine(), r.dataset(),
                r.corruption(), r.severity(), r.correct(), r.total(), r.top1(), r.status(), r.error(), r.kind(),
                0.5 * r.total(), 0.3 * r.total(), bins);
    }

    @Test
    void terminalTableAlignsColumns() {
        String table = ReportTables.aligned(ReportTables.perCorruption(report(false)));
        List<String> lines = table.lines().toList();
        assertEquals("corruption      SWA teacher sev5  student sev5  SWA teacher mean  student mean", lines.get(0));
        assertEquals(lines.get(0).length(), lines.get(1).length());
        assertTrue(lines.get(1).startsWith("gaussian_noise"), table);
    }

    @Test
    void theHeaderNamesProfileEngineDataSeedAndVersion() throws IOException {
        ReportFiles.write(report(true), dir);
        String markdown = Files.readString(dir.resolve(ReportFiles.MARKDOWN));
        for (String row : List.of("| profile | ci |", "| engine | dl4j |", "| seed | 7 |",
                "| robust version | 0.1.0-test |", "| data | SYNTHETIC images (synthetic:640) |",
                "| severities scored | 1, 5 |")) {
            assertTrue(markdown.contains(row), row + " in\n" + markdown);
        }
        String html = Files.readString(dir.resolve(ReportFiles.HTML));
        assertTrue(html.contains("<tr><td class=\"text\">engine</td><td class=\"text\">dl4j</td></tr>"), html);
        assertTrue(html.contains("<tr><td class=\"text\">robust version</td><td>0.1.0-test</td></tr>"), html);
    }

    @Test
    void saysCAllIsCSev5WhenOnlySeverity5IsScored() {
        RunReport report = report(false, List.of(5));
        assertTrue(ReportMarkdown.render(report, List.of()).contains("only severity 5 was scored, so C-all = C-sev5"));
        assertTrue(ReportHtml.render(report, List.of()).contains("only severity 5 was scored, so C-all = C-sev5"));
        assertTrue(!ReportMarkdown.render(report(false), List.of()).contains("C-all = C-sev5"));
    }

    @Test
    void theBarChartSpreadsItsBarsOverTheWholeCanvas() {
        BufferedImage chart = ReportCharts.severity5(report(false));
        // Two models × (clean + two corruptions) in a canvas at least 900 px wide: the last bar ends near the right.
        int lastBarColumn = -1;
        for (int x = 0; x < chart.getWidth(); x++) {
            if (columnHas(chart, x, 0xdd6b20, 200)) lastBarColumn = x;
        }
        assertTrue(lastBarColumn > chart.getWidth() * 0.85, "last bar at " + lastBarColumn + " of " + chart.getWidth());
    }

    @Test
    void theBarsCarryTheirWilsonIntervalsAsWhiskers() {
        RunReport report = report(false);
        BufferedImage chart = ReportCharts.severity5(report);
        // The teacher's clean bar (80/100) is the first: its whisker reaches Wilson's upper end, 86.7 %, above it.
        int firstBar = -1;
        for (int x = 0; x < chart.getWidth() && firstBar < 0; x++) {
            if (columnHas(chart, x, 0x2b6cb0, 250)) firstBar = x;
        }
        int top = 80 + 300 - (int) Math.round(0.867 * 300);
        boolean whisker = false;
        for (int x = firstBar; columnHas(chart, x, 0x2b6cb0, 250); x++) {
            for (int y = top - 1; y <= top + 1; y++) whisker |= dark(chart.getRGB(x, y));
        }
        assertTrue(whisker, "no whisker at y=" + top + " over the bar at x=" + firstBar);
    }

    @Test
    void noLineIsDrawnAcrossSeveritiesThatWereNotScored() {
        // Severities 1 and 5 scored: points at both, no line from 1 to 5 through the unscored 2–4.
        BufferedImage chart = ReportCharts.bySeverity(report(false));
        int step = (chart.getWidth() - 60 - 20 - 40) / 5;
        int severity3 = 60 + 20 + 3 * step;
        for (int colour : new int[] {0x2b6cb0, 0xdd6b20}) {
            assertTrue(!columnHas(chart, severity3, colour, 0), "a line crosses severity 3");
        }
        int severity1 = 60 + 20 + step;
        boolean point = false;
        for (int x = severity1 - 8; x <= severity1 + 8; x++) point |= columnHas(chart, x, 0x2b6cb0, 0);
        assertTrue(point, "no teacher point at severity 1");
    }

    private static boolean dark(int rgb) {
        return ((rgb >> 16) & 0xff) < 90 && ((rgb >> 8) & 0xff) < 90 && (rgb & 0xff) < 90;
    }

    /** True when some pixel of column {@code x} below {@code fromY} has exactly {@code rgb}. */
    private static boolean columnHas(BufferedImage image, int x, int rgb, int fromY) {
        for (int y = fromY; y < image.getHeight(); y++) {
            if ((image.getRGB(x, y) & 0xffffff) == rgb) return true;
        }
        return false;
    }

    private static RunReport report(boolean synthetic) {
        return report(synthetic, List.of(1, 5));
    }

    private static RunReport report(boolean synthetic, List<Integer> severities) {
        Map<String, Double> durations = new LinkedHashMap<>();
        durations.put("stack start", 20.0);
        durations.put("ingest", 5.0);
        durations.put("total", 95.5);
        return new RunReport("run-1", "ci", Map.of("model", "smallcnn", "seed", "7"),
                new RunReport.Dataset(synthetic ? "synthetic" : "cifar10", "synthetic:640", "SYNTHETIC images",
                        synthetic),
                "generated", Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:01:35Z"),
                durations, List.of(scores(ModelRole.TEACHER, 0.8, 0.5, severities),
                        scores(ModelRole.STUDENT, 0.75, 0.55, severities)),
                new ObjectMapper().createArrayNode(), "0.1.0-test");
    }

    private static ModelScores scores(ModelRole role, double clean, double corrupted) {
        return scores(role, clean, corrupted, List.of(1, 5));
    }

    private static ModelScores scores(ModelRole role, double clean, double corrupted, List<Integer> severities) {
        String checkpoint = "run-1-" + role.id() + "-0";
        List<EvaluationResult> results = results(checkpoint, role, clean, corrupted, severities);
        EvaluationSummary summary = EvaluationSummary.of(results);
        if (role == ModelRole.STUDENT) {
            summary = summary.withComparisons(List.of(Comparison.of("run-1-teacher-0", "SWA teacher",
                    EvaluationResult.CLEAN, PairedDifference.of(100, 12, 7))));
        }
        return ModelScores.of(summary, results);
    }

    private static List<EvaluationResult> results(String checkpoint, ModelRole role, double clean, double corrupted) {
        return results(checkpoint, role, clean, corrupted, List.of(1, 5));
    }

    private static List<EvaluationResult> results(String checkpoint, ModelRole role, double clean, double corrupted,
                                                  List<Integer> severities) {
        List<EvaluationResult> results = new ArrayList<>();
        results.add(result(checkpoint, role, EvaluationResult.CLEAN, 0, clean));
        for (String corruption : List.of("fog", "gaussian_noise")) {
            if (severities.contains(5)) results.add(result(checkpoint, role, corruption, 5, corrupted));
            if (severities.contains(1)) results.add(result(checkpoint, role, corruption, 1, corrupted + 0.2));
        }
        return results;
    }

    private static EvaluationResult result(String checkpoint, ModelRole role, String corruption, int severity,
                                           double top1) {
        long correct = Math.round(top1 * 100);
        return new EvaluationResult(checkpoint, "run-1", role, 0, "dl4j", "synthetic", corruption, severity, correct,
                100, correct / 100.0, EvaluationResult.Status.OK, null,
                role == ModelRole.TEACHER ? ModelKind.SWA : ModelKind.FINAL);
    }
}
