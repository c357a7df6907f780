package dev.robust.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.robust.cli.report.ReportTables;
import dev.robust.cli.report.RunReport;
import dev.robust.cli.report.StudyFiles;
import dev.robust.cli.report.StudyReport;
import dev.robust.cli.report.StudyTables;
import dev.robust.common.profile.RunProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code robust study}: every arm (profile overrides: recipe, augment-only, no-swa) at every seed through one stack,
 * then {@code study.json}, {@code study.md} and {@code study.html}: per arm the mean over seeds with its t interval,
 * and paired per-seed differences. Each run is followed as {@code robust run} follows its one run.
 */
@Command(name = "study",
        mixinStandardHelpOptions = true,
        description = {
                "Run every arm (recipe, augment-only, no-swa) at every seed through one stack and compare them.",
                "Writes <out>/study.json, study.md and study.html: per arm the mean over seeds with a 95 % t "
                        + "interval, and paired per-seed differences. Ctrl-C stops everything."})
public final class StudyCommand implements Callable<Integer> {
    @Mixin
    StackOptions options;

    @Option(names = "--seeds", defaultValue = "3", paramLabel = "<n>",
            description = "Seeds per arm (default: ${DEFAULT-VALUE}): the profile's seed, then +1, +2, …")
    int seeds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (seeds < 1) throw new ParameterException(spec.commandLine(), "--seeds must be at least 1, got " + seeds);
        PrintWriter out = spec.commandLine().getOut();
        RunProfile profile = options.runProfile();
        List<StudyArm> arms = StudyArm.shipped();
        arms.forEach(arm -> arm.check(profile));
        List<Long> seedValues = new ArrayList<>();
        for (int i = 0; i < seeds; i++) seedValues.add(profile.seed() + i);

        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        StackConfig.requireNoEarlierStack(options.outDir());
        try (PreparedStack prepared = PreparedStack.start(options, out)) {
            long trainingStarted = System.nanoTime();
            List<StudyReport.Run> runs = new ArrayList<>();
            int total = seedValues.size() * arms.size();
            for (long seed : seedValues) {
                for (StudyArm arm : arms) {
                    String label = arm.name() + " seed " + seed;
                    out.println("study " + (runs.size() + 1) + "/" + total + ": arm " + arm.name() + ", seed " + seed
                            + (arm.overrides().isEmpty() ? "" : " " + arm.overrides()));
                    out.flush();
                    runs.add(run(prepared, arm, seed, label, out));
                }
            }
            prepared.durations().put("training + evaluation", PreparedStack.seconds(trainingStarted));
            prepared.durations().put("total", PreparedStack.seconds(started));
            DataPlan data = prepared.data();
            StudyReport study = StudyReport.of(profile.name(),
                    new RunReport.Dataset(data.datasetLabel(), data.datasetSpec(),
                            data.datasetNote(), data.synthetic()),
                    data.cifar10cNote(), seedValues,
                    arms.stream().map(arm -> new StudyReport.Arm(arm.name(), arm.overrides())).toList(),
                    startedAt, Instant.now(), new LinkedHashMap<>(prepared.durations()), runs);
            StudyFiles.write(study, prepared.outDir());
            out.println();
            if (data.synthetic()) out.println("SYNTHETIC DATA — " + data.datasetNote());
            out.print(ReportTables.aligned(StudyTables.means(study)));
            out.println();
            out.print(ReportTables.aligned(StudyTables.differences(study)));
            out.println();
            out.println("study: " + prepared.outDir().resolve(StudyFiles.HTML) + " (also " + StudyFiles.MARKDOWN
                    + ", " + StudyFiles.JSON + ")");
            out.flush();
        }
        return 0;
    }

    private StudyReport.Run run(PreparedStack prepared, StudyArm arm, long seed, String label, PrintWriter out)
            throws IOException, InterruptedException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("profile", prepared.profile().name());
        // The arm's own settings (and its seed) win over --set, which applies to every arm.
        Map<String, Object> overrides = new LinkedHashMap<>(options.overrides());
        overrides.putAll(arm.overridesWithSeed(seed));
        request.put("overrides", overrides);
        if (options.engine != null) request.put("engine", options.engine);
        JsonNode accepted = prepared.http().post(prepared.stack().uri(Service.TRAINER).resolve("/runs"), request);
        String runId = accepted.path("runId").asText();
        try (EvaluationFeed feed = new EvaluationFeed(prepared.stack().bootstrapServers(), runId)) {
            ProgressLine progress = new ProgressLine(out, System.console() != null, prepared.profile(), label);
            RunFollower.Outcome outcome = new RunFollower(prepared.http(), prepared.stack(), feed, progress)
                    .follow(runId);
            return new StudyReport.Run(arm.name(), seed, runId, outcome.models(feed));
        }
    }
}
