package dev.robust.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.robust.cli.RobustCommand;
import dev.robust.cli.report.ModelScores;
import dev.robust.cli.report.ReportFiles;
import dev.robust.cli.report.ReportMarkdown;
import dev.robust.cli.report.ReportTables;
import dev.robust.cli.report.RunReport;
import dev.robust.common.event.BaselineNormalization;
import dev.robust.common.event.EvaluationSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code robust run}: the main job. Starts the stack on this machine, trains a teacher and a student with the
 * profile, waits until their final checkpoints are scored, writes the report and stops everything.
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {
                "Train a teacher and a student on this machine and score both on CIFAR-10-C (the main job).",
                "Runs an embedded Kafka broker and the three services as child processes (logs in <out>/logs).",
                "Writes <out>/report.json, report.md, report.html and PNG charts. Ctrl-C stops everything."})
public final class RunCommand implements Callable<Integer> {
    @Mixin
    StackOptions options;

    @Option(names = "--resume",
            description = "Resume the run an interrupted robust run (a crash, a kill) left in --out: start the stack "
                    + "on that directory again, continue the run from its last checkpoint and write its report.")
    boolean resume;

    @Option(names = "--baseline", paramLabel = "<checkpoint id>",
            description = "Also report mCE and relative mCE normalized to this checkpoint's (Hendrycks & Dietterich), "
                    + "e.g. the run's SWA teacher; both need clean and all 15 benchmark corruptions × 5 severities "
                    + "scored on the same images.")
    String baseline;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        if (resume) {
            StackConfig.requireEarlierStack(options.outDir());
        } else {
            StackConfig.requireNoEarlierStack(options.outDir());
        }
        try (PreparedStack prepared = PreparedStack.start(options, out)) {
            long trainingStarted = System.nanoTime();
            JsonNode accepted = resume
                    ? UnfinishedRun.find(prepared.http(), prepared.stack().uri(Service.TRAINER), prepared.profile(),
                            prepared.outDir())
                    : request(prepared);
            String runId = accepted.path("runId").asText();
            URI runUri = prepared.stack().uri(Service.TRAINER).resolve("/runs/" + runId);
            out.println("run        " + runId + " (" + runUri + ")");
            out.flush();

            RunReport report;
            try (EvaluationFeed feed = new EvaluationFeed(prepared.stack().bootstrapServers(), runId,
                    baseline)) {
                ProgressLine progress = new ProgressLine(out, System.console() != null, prepared.profile());
                RunFollower.Outcome outcome = new RunFollower(prepared.http(), prepared.stack(), feed, progress)
                        .follow(runId);
                prepared.durations().put("training + evaluation", PreparedStack.seconds(trainingStarted));
                prepared.durations().put("total", PreparedStack.seconds(started));
                report = report(prepared, runId, outcome, feed, startedAt, accepted, baseline);
            }
            ReportFiles.write(report, prepared.outDir());
            printSummary(out, report, prepared);
        }
        return 0;
    }

    private JsonNode request(PreparedStack prepared) throws IOException, InterruptedException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("profile", prepared.profile().name());
        request.put("overrides", options.overrides());
        // The request names the engine too: the trainer checks it and the run's events record it.
        if (options.engine != null) request.put("engine", options.engine);
        return prepared.http().post(prepared.stack().uri(Service.TRAINER).resolve("/runs"), request);
    }

    private static RunReport report(PreparedStack prepared, String runId, RunFollower.Outcome outcome,
                                    EvaluationFeed feed, Instant startedAt, JsonNode accepted, String baseline) {
        List<ModelScores> models = outcome.models(feed);
        DataPlan data = prepared.data();
        Map<String, String> config = new TreeMap<>();
        accepted.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        return new RunReport(runId, prepared.profile().name(), config,
                new RunReport.Dataset(data.datasetLabel(), data.datasetSpec(), data.datasetNote(), data.synthetic()),
                data.cifar10cNote(), startedAt, Instant.now(), new LinkedHashMap<>(prepared.durations()), models,
                outcome.run().path("history"), RobustCommand.version(), normalization(baseline, models, feed));
    }

    /** The models normalized to {@code baseline}; null when none was named. */
    private static BaselineNormalization normalization(String baseline, List<ModelScores> models,
                                                       EvaluationFeed feed) {
        if (baseline == null) return null;
        List<EvaluationSummary> summaries = models.stream()
                .map(model -> feed.summary(model.checkpointId()).orElseThrow()).toList();
        return feed.summary(baseline).map(summary -> BaselineNormalization.of(summaries, summary))
                .orElseGet(() -> BaselineNormalization.unavailable(baseline, summaries, "baseline " + baseline
                        + " has no summary on this stack's evaluation.summaries (is the id right, and was it scored "
                        + "here?)"));
    }

    private static void printSummary(PrintWriter out, RunReport report, PreparedStack prepared) {
        out.println();
        if (report.dataset().synthetic()) out.println("SYNTHETIC DATA — " + report.dataset().note());
        out.print(ReportTables.aligned(ReportTables.headline(report)));
        out.println();
        ReportTables.Table verdicts = ReportTables.verdicts(report, false);
        if (!verdicts.rows().isEmpty()) {
            out.print(ReportTables.aligned(verdicts));
            out.println();
        }
        out.print(ReportTables.aligned(ReportTables.robustness(report)));
        String note = ReportTables.benchmarkNote(report);
        if (!note.isEmpty()) out.println(note);
        out.println();
        out.print(ReportTables.aligned(ReportTables.perCorruption(report)));
        out.println();
        out.println("time: " + ReportMarkdown.durations(report.durationsSeconds()));
        out.println("report: " + prepared.outDir().resolve(ReportFiles.HTML) + " (also "
                + ReportFiles.MARKDOWN + ", " + ReportFiles.JSON + ")");
        out.flush();
    }
}
