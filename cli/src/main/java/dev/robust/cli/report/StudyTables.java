package dev.robust.cli.report;

import dev.robust.common.stats.Interval;
import dev.robust.common.stats.MeanInterval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The study's tables as rows of cells, one source for study.md, study.html and the terminal. */
public final class StudyTables {
    private StudyTables() {
    }

    /** Per arm and model: clean top-1 and C-sev5, mean over seeds [95 % t interval], and each seed's value. */
    public static ReportTables.Table means(StudyReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (StudyReport.ArmMean mean : report.means()) {
            rows.add(List.of(mean.arm(), mean.model(), mean.metric(), percentMean(mean.mean()),
                    perSeed(mean.perSeed(), false)));
        }
        return new ReportTables.Table(List.of("arm", "model", "metric", "mean [95 % t CI]", "per seed"), rows);
    }

    /** Paired per-seed differences in points: mean over seeds [95 % t interval] and each seed's difference. */
    public static ReportTables.Table differences(StudyReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (StudyReport.SeedDifference difference : report.differences()) {
            rows.add(List.of(difference.arm(), difference.minuend() + " − " + difference.subtrahend(),
                    difference.metric(), pointsMean(difference.mean()), perSeed(difference.perSeed(), true),
                    reading(difference.mean())));
        }
        return new ReportTables.Table(List.of("arm", "difference", "metric", "mean [95 % t CI]", "per seed",
                "over seeds"), rows);
    }

    /** Arm × seed → run id, so every figure can be traced to its run's events. */
    public static ReportTables.Table runs(StudyReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (StudyReport.Run run : report.runs()) {
            List<String> models = run.models().stream().map(ModelScores::name).toList();
            rows.add(List.of(run.arm(), Long.toString(run.seed()), run.runId(), String.join(", ", models)));
        }
        return new ReportTables.Table(List.of("arm", "seed", "run", "models"), rows);
    }

    private static String percentMean(MeanInterval mean) {
        Interval interval = mean.interval();
        if (interval == null) return ReportTables.percent(mean.mean()) + " (one seed)";
        return String.format(Locale.ROOT, "%.1f%% [%.1f, %.1f]", 100 * mean.mean(), 100 * interval.low(),
                100 * interval.high());
    }

    private static String pointsMean(MeanInterval mean) {
        Interval interval = mean.interval();
        if (interval == null) return String.format(Locale.ROOT, "%+.1f pt (one seed)", 100 * mean.mean());
        return ReportTables.points(mean.mean(), interval);
    }

    /** Whether the seeds agree on the sign at 95 %: the t interval excludes 0 or not. */
    private static String reading(MeanInterval mean) {
        Interval interval = mean.interval();
        if (interval == null) return "one seed: no interval";
        if (interval.low() > 0) return "higher at 95 %";
        if (interval.high() < 0) return "lower at 95 %";
        return "no significant difference at 95 %";
    }

    private static String perSeed(Map<Long, Double> values, boolean signedPoints) {
        List<String> cells = new ArrayList<>();
        values.forEach((seed, value) -> cells.add(seed + ": " + (signedPoints
                ? String.format(Locale.ROOT, "%+.1f", 100 * value) : ReportTables.percent(value))));
        return String.join(", ", cells);
    }
}
