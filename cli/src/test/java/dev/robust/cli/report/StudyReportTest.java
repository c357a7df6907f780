package dev.robust.cli.report;

import dev.robust.common.event.EvaluationResult;
import dev.robust.common.event.EvaluationSummary;
import dev.robust.common.event.ModelKind;
import dev.robust.common.event.ModelRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StudyReportTest {
    @TempDir
    Path dir;

    @Test
    void meansOverSeedsAndPairedDifferencesAreComputedPerArm() throws IOException {
        StudyReport study = study();
        StudyReport.ArmMean recipeStudent = mean(study, "recipe", "student", StudyReport.CLEAN);
        assertEquals(Map.of(1L, 0.60, 2L, 0.70), recipeStudent.perSeed());
        assertEquals(0.65, recipeStudent.mean().mean(), 1e-12);
        // By hand: s = 0.0707107, t(0.975, 1) = 12.7062 (SciPy), half-width = 12.7062 · 0.0707107 / √2 = 0.63531.
        assertEquals(0.65 - 0.63531, recipeStudent.mean().interval().low(), 1e-5);

        StudyReport.SeedDifference control = study.differences().stream()
                .filter(d -> d.arm().equals("augment-only") && d.subtrahend().equals("recipe student")
                        && d.metric().equals(StudyReport.CLEAN)).findFirst().orElseThrow();
        assertEquals(-0.10, control.perSeed().get(1L), 1e-12);
        assertEquals(-0.05, control.perSeed().get(2L), 1e-12);
        StudyReport.SeedDifference versusTeacher = study.differences().stream()
                .filter(d -> d.arm().equals("recipe") && d.subtrahend().equals("SWA teacher")
                        && d.metric().equals(StudyReport.CLEAN)).findFirst().orElseThrow();
        assertEquals(-0.10, versusTeacher.mean().mean(), 1e-12);

        StudyFiles.write(study, dir);
        assertEquals(study.means(), StudyFiles.read(dir.resolve(StudyFiles.JSON)).means());
        String markdown = Files.readString(dir.resolve(StudyFiles.MARKDOWN));
        assertTrue(markdown.contains("| augment-only | student − recipe student | clean | -7.5 pt ["), markdown);
        assertTrue(markdown.contains("| recipe | student | clean | 65.0% [1.5, 128.5] | 1: 60.0%, 2: 70.0% |"),
                markdown);
    }

    private static StudyReport study() {
        List<StudyReport.Run> runs = List.of(
                run("recipe", 1, 0.60, 0.70), run("recipe", 2, 0.70, 0.80),
                run("augment-only", 1, 0.50, 0.70), run("augment-only", 2, 0.65, 0.80));
        return StudyReport.of("ci", new RunReport.Dataset("synthetic", "synthetic", "SYNTHETIC", true), "generated",
                List.of(1L, 2L), List.of(new StudyReport.Arm("recipe", Map.of()),
                        new StudyReport.Arm("augment-only", Map.of("student.loss", "cross-entropy"))),
                Instant.EPOCH, Instant.EPOCH, Map.of("total", 1.0), runs);
    }

    private static StudyReport.Run run(String arm, long seed, double student, double teacher) {
        return new StudyReport.Run(arm, seed, arm + "-" + seed, List.of(
                model(arm + "-" + seed + "-teacher-1", ModelRole.TEACHER, ModelKind.SWA, teacher),
                model(arm + "-" + seed + "-student-1", ModelRole.STUDENT, ModelKind.FINAL, student)));
    }

    private static ModelScores model(String checkpoint, ModelRole role, ModelKind kind, double clean) {
        long correct = Math.round(clean * 1000);
        List<EvaluationResult> results = List.of(new EvaluationResult(checkpoint, "r", role, 1, "torch", "synthetic",
                "clean", 0, correct, 1000, correct / 1000.0, EvaluationResult.Status.OK, null, kind),
                new EvaluationResult(checkpoint, "r", role, 1, "torch", "synthetic", "fog", 5, correct / 2, 1000,
                        correct / 2 / 1000.0, EvaluationResult.Status.OK, null, kind));
        return ModelScores.of(EvaluationSummary.of(results), results);
    }

    private static StudyReport.ArmMean mean(StudyReport study, String arm, String model, String metric) {
        return study.means().stream().filter(m -> m.arm().equals(arm) && m.model().equals(model)
                && m.metric().equals(metric)).findFirst().orElseThrow();
    }
}
