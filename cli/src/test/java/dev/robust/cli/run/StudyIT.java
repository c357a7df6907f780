package dev.robust.cli.run;

import dev.robust.cli.RobustCommand;
import dev.robust.cli.report.ModelScores;
import dev.robust.cli.report.StudyFiles;
import dev.robust.cli.report.StudyReport;
import dev.robust.common.profile.RunProfile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code robust study --profile ci --seeds 2} on synthetic data through the real stack: three arms × two seeds in one
 * stack, then study.json with every run, the means over seeds with their t intervals and the paired differences.
 */
class StudyIT {
    private static final Path OUT = Path.of("target/it-study").toAbsolutePath();
    private static final RunProfile CI = RunProfile.named("ci");
    private static StudyReport study;

    @BeforeAll
    // A guard against a hung stack: six ci runs took about a minute each on two busy cores.
    @Timeout(value = 20, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    static void runTheStudy() throws IOException {
        deleteRecursively(OUT);
        int exit = RobustCommand.newCommandLine().execute("study", "--profile", "ci", "--dataset", "synthetic",
                "--seeds", "2", "--out", OUT.toString());
        assertEquals(0, exit, "robust study failed; service logs are in " + OUT.resolve("logs"));
        study = StudyFiles.read(OUT.resolve(StudyFiles.JSON));
    }

    @Test
    void everyArmRanAtEverySeed() {
        List<Long> seeds = List.of(CI.seed(), CI.seed() + 1);
        assertEquals(seeds, study.seeds());
        assertEquals(List.of("recipe", "augment-only", "no-swa"), study.arms().stream().map(StudyReport.Arm::name)
                .toList());
        Set<String> ran = study.runs().stream().map(run -> run.arm() + "@" + run.seed()).collect(Collectors.toSet());
        for (StudyReport.Arm arm : study.arms()) {
            for (long seed : seeds) assertTrue(ran.contains(arm.name() + "@" + seed), arm.name() + " seed " + seed);
        }
        assertEquals(6, study.runs().stream().map(StudyReport.Run::runId).distinct().count());
    }

    @Test
    void theNoSwaArmHasOnlyTheRawTeacherAndTheOthersBoth() {
        for (StudyReport.Run run : study.runs()) {
            List<String> names = run.models().stream().map(ModelScores::name).toList();
            List<String> expected = run.arm().equals("no-swa") ? List.of("raw teacher (before SWA)", "student")
                    : List.of("raw teacher (before SWA)", "SWA teacher", "student");
            assertEquals(expected, names, run.arm() + " seed " + run.seed());
            ModelScores student = run.models().get(run.models().size() - 1);
            assertEquals(2 * (expected.size() - 1), student.comparisons().stream()
                    .filter(c -> c.slice().equals("clean") || c.slice().equals("c_sev5")).count(),
                    "the student against each teacher of its run, clean and C-sev5");
        }
    }

    @Test
    void meansOverTwoSeedsCarryTIntervals() {
        for (StudyReport.ArmMean mean : study.means()) {
            assertEquals(2, mean.perSeed().size(), mean.toString());
            assertEquals(2, mean.mean().n());
            assertNotNull(mean.mean().interval(), mean.toString());
            double average = mean.perSeed().values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            assertEquals(average, mean.mean().mean(), 1e-12);
            assertTrue(mean.mean().interval().contains(average));
        }
        assertTrue(study.means().stream().anyMatch(m -> m.arm().equals("augment-only") && m.model().equals("student")
                && m.metric().equals(StudyReport.C_SEV5)));
    }

    @Test
    void pairedDifferencesPerSeed() {
        StudyReport.SeedDifference control = study.differences().stream()
                .filter(d -> d.arm().equals("augment-only") && d.subtrahend().equals("recipe student")
                        && d.metric().equals(StudyReport.CLEAN)).findFirst().orElseThrow();
        assertEquals(2, control.perSeed().size());
        for (var entry : control.perSeed().entrySet()) {
            assertEquals(clean("augment-only", entry.getKey()) - clean("recipe", entry.getKey()), entry.getValue(),
                    1e-12, "seed " + entry.getKey());
        }
        assertNotNull(control.mean().interval());
        assertTrue(study.differences().stream().anyMatch(d -> d.arm().equals("recipe")
                && d.subtrahend().equals("SWA teacher") && d.metric().equals(StudyReport.C_SEV5)));
        for (String file : List.of(StudyFiles.MARKDOWN, StudyFiles.HTML)) {
            assertTrue(Files.isRegularFile(OUT.resolve(file)), file);
        }
    }

    private static double clean(String arm, long seed) {
        return study.runs().stream().filter(r -> r.arm().equals(arm) && r.seed() == seed).findFirst().orElseThrow()
                .models().stream().filter(m -> m.name().equals("student")).findFirst().orElseThrow().cleanTop1();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(path);
        }
    }
}
