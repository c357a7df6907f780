package dev.robust.cli.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.robust.common.event.Comparison;
import dev.robust.common.event.EvaluationResult;
import dev.robust.common.event.EvaluationSummary;
import dev.robust.common.event.ModelKind;
import dev.robust.common.event.ModelRole;
import dev.robust.common.stats.PairedDifference;
import dev.robust.common.stats.Wilson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
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

    @Test
    void terminalTableAlignsColumns() {
        String table = ReportTables.aligned(ReportTables.perCorruption(report(false)));
        List<String> lines = table.lines().toList();
        assertEquals("corruption      SWA teacher sev5  student sev5  SWA teacher mean  student mean", lines.get(0));
        assertEquals(lines.get(0).length(), lines.get(1).length());
        assertTrue(lines.get(1).startsWith("gaussian_noise"), table);
    }

    private static RunReport report(boolean synthetic) {
        Map<String, Double> durations = new LinkedHashMap<>();
        durations.put("stack start", 20.0);
        durations.put("ingest", 5.0);
        durations.put("total", 95.5);
        return new RunReport("run-1", "ci", Map.of("model", "smallcnn"),
                new RunReport.Dataset(synthetic ? "synthetic" : "cifar10", "synthetic:640", "SYNTHETIC images",
                        synthetic),
                "generated", Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:01:35Z"),
                durations, List.of(scores(ModelRole.TEACHER, 0.8, 0.5), scores(ModelRole.STUDENT, 0.75, 0.55)),
                new ObjectMapper().createArrayNode());
    }

    private static ModelScores scores(ModelRole role, double clean, double corrupted) {
        String checkpoint = "run-1-" + role.id() + "-0";
        List<EvaluationResult> results = results(checkpoint, role, clean, corrupted);
        EvaluationSummary summary = EvaluationSummary.of(results);
        if (role == ModelRole.STUDENT) {
            summary = summary.withComparisons(List.of(Comparison.of("run-1-teacher-0", "SWA teacher",
                    EvaluationResult.CLEAN, PairedDifference.of(100, 12, 7))));
        }
        return ModelScores.of(summary, results);
    }

    private static List<EvaluationResult> results(String checkpoint, ModelRole role, double clean, double corrupted) {
        List<EvaluationResult> results = new ArrayList<>();
        results.add(result(checkpoint, role, EvaluationResult.CLEAN, 0, clean));
        for (String corruption : List.of("fog", "gaussian_noise")) {
            results.add(result(checkpoint, role, corruption, 5, corrupted));
            results.add(result(checkpoint, role, corruption, 1, corrupted + 0.2));
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
