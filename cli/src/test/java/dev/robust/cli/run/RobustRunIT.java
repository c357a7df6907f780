package dev.robust.cli.run;

import dev.robust.cli.RobustCommand;
import dev.robust.cli.report.CorruptionScores;
import dev.robust.cli.report.ModelScores;
import dev.robust.cli.report.ReportCharts;
import dev.robust.cli.report.ReportFiles;
import dev.robust.cli.report.RunReport;
import dev.robust.cli.report.Slice;
import dev.robust.common.corruption.Corruption;
import dev.robust.common.event.Comparison;
import dev.robust.common.profile.RunProfile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code robust run --profile ci} on synthetic data through the real stack: an embedded broker and the three
 * services' packaged runners. Asserts on the report the run writes; its stdout shows the run as a user sees it.
 */
class RobustRunIT {
    private static final Path OUT = Path.of("target/it-run").toAbsolutePath();
    private static final RunProfile CI = RunProfile.named("ci");
    private static RunReport report;

    @BeforeAll
    // A guard against a hung stack, not the target: the ci profile took 41–135 s on two busy cores.
    @Timeout(value = 10, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    static void runTheCiProfile() throws IOException {
        deleteRecursively(OUT);
        int exit = RobustCommand.newCommandLine()
                .execute("run", "--profile", "ci", "--dataset", "synthetic", "--out", OUT.toString());
        assertEquals(0, exit, "robust run failed; service logs are in " + OUT.resolve("logs"));
        report = ReportFiles.read(OUT.resolve(ReportFiles.JSON));
    }

    @Test
    void reportsTheTeacherAndTheStudentOnTheSyntheticData() {
        assertEquals("ci", report.profile());
        assertTrue(report.dataset().synthetic());
        assertEquals(List.of("teacher", "teacher", "student"), report.models().stream().map(ModelScores::role).toList());
        assertEquals(List.of("raw teacher (before SWA)", "SWA teacher", "student"),
                report.models().stream().map(ModelScores::name).toList());
        assertEquals(CI.teacher().epochs() + CI.student().epochs(), report.history().size(),
                "one history row per trained epoch");
    }

    @Test
    void scoresCleanAndEveryCorruptionAndSeverityTheProfileNames() {
        List<String> expected = CI.evalCorruptions().stream().map(Corruption::id).toList();
        for (ModelScores model : report.models()) {
            assertNotNull(model.clean(), model.role() + " has no clean score");
            assertEquals(CI.evalCleanImages(), model.clean().total(), model.role() + " clean images");
            assertEquals(expected.stream().sorted().toList(),
                    model.corruptions().stream().map(CorruptionScores::corruption).sorted().toList());
            for (CorruptionScores corruption : model.corruptions()) {
                assertEquals(CI.evalSeverities(), corruption.severities().stream().map(Slice::severity).toList());
                for (Slice slice : corruption.severities()) {
                    assertEquals(CI.evalImagesPerSeverity(), slice.total(),
                            model.role() + " " + corruption.corruption() + " images at severity " + slice.severity());
                }
            }
        }
    }

    @Test
    void countsAddUpToTheHeadlineScores() {
        for (ModelScores model : report.models()) {
            Slice clean = model.clean();
            assertEquals((double) clean.correct() / clean.total(), model.cleanTop1(), 1e-9, model.role() + " clean");
            double meanAtFive = model.corruptions().stream()
                    .mapToDouble(c -> {
                        Slice slice = c.at(Corruption.MAX_SEVERITY).orElseThrow();
                        assertEquals((double) slice.correct() / slice.total(), slice.top1(), 1e-9);
                        return slice.top1();
                    })
                    .average().orElseThrow();
            assertEquals(meanAtFive, model.cSev5(), 1e-9, model.role() + " C-sev5");
        }
    }

    @Test
    void everyTopOneCarriesItsIntervalAndTheStudentIsComparedWithBothTeachers() {
        for (ModelScores model : report.models()) {
            assertTrue(model.cleanInterval().contains(model.cleanTop1()), model.name() + " clean interval");
            assertTrue(model.cSev5Interval().low() <= model.cSev5Interval().high(), model.name());
            model.corruptions().forEach(c -> c.severities().forEach(slice ->
                    assertTrue(slice.interval().contains(slice.top1()), model.name() + " " + c.corruption())));
        }
        ModelScores student = report.models().get(2);
        for (ModelScores teacher : report.models().subList(0, 2)) {
            for (String slice : List.of("clean", Comparison.C_SEV5)) {
                Comparison comparison = student.comparisons().stream()
                        .filter(c -> c.baselineCheckpointId().equals(teacher.checkpointId()) && c.slice().equals(slice))
                        .findFirst().orElseThrow(() -> new AssertionError("no " + slice + " comparison against "
                                + teacher.name() + ": " + student.comparisons()));
                assertNotNull(comparison.verdict());
                assertTrue(comparison.differenceInterval().contains(comparison.difference()));
            }
            Comparison clean = student.comparisons().stream()
                    .filter(c -> c.baselineCheckpointId().equals(teacher.checkpointId()) && c.slice().equals("clean"))
                    .findFirst().orElseThrow();
            assertEquals(student.cleanTop1() - teacher.cleanTop1(), clean.difference(), 1e-9,
                    "same images: the paired difference is the difference of the top-1s");
        }
    }

    @Test
    void writesMarkdownHtmlAndCharts() {
        for (String file : List.of(ReportFiles.MARKDOWN, ReportFiles.HTML, ReportCharts.SEVERITY5_CHART,
                ReportCharts.SEVERITY_CHART)) {
            assertTrue(Files.isRegularFile(OUT.resolve(file)), file);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(path);
        }
    }
}
