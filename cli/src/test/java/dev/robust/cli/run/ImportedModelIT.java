package dev.robust.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.robust.cli.RobustCommand;
import dev.robust.common.event.EvaluationSummary;
import dev.robust.common.event.ModelKind;
import dev.robust.common.profile.RunProfile;
import dev.robust.common.topic.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.robust.cli.run.ReliabilityDrillIT.awaitValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A classifier trained and exported by PyTorch, submitted with {@code robust submit} to the packaged eval-service of
 * the {@code robust run} stack (broker, three service runners, ci profile, synthetic data): its complete summary
 * arrives on {@code evaluation.summaries}, every slice of the service's plan scored, and its report says the same.
 * The model is the eval-service's committed test fixture (its README names the script that made it).
 */
class ImportedModelIT {
    private static final Path OUT = Path.of("target/it-import").toAbsolutePath();
    private static final RunProfile CI = RunProfile.named("ci");
    private static final String NAME = "pytorch-smallnet";
    private static final Pattern SUBMITTED = Pattern.compile("as checkpoint (\\S+) \\(run (\\S+),");
    private static final PrintWriter LOG = new PrintWriter(System.out, true);
    private static final JsonHttp HTTP = new JsonHttp(null);

    private static DrillStack stack;

    @BeforeAll
    @Timeout(value = 8, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    static void startTheStack() throws IOException, InterruptedException {
        ReliabilityDrillIT.deleteRecursively(OUT);
        DataPlan data = new DatasetChoice(OUT.resolve("no-local-data"), OUT, directory -> {
            throw new IOException("this test uses synthetic data");
        }).choose("synthetic", null, CI);
        stack = DrillStack.start(OUT, data.dataRoot(), CI, LOG);
        IngestClient ingest = new IngestClient(HTTP, stack.uri(Service.AUGMENT), LOG);
        ingest.ingestDataset(data, CI);
        ingest.ingestCorruptions(data, CI);
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) stack.close();
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void thePyTorchFixtureSubmittedWithRobustSubmitIsScoredToACompleteSummary() throws Exception {
        Path model = ProjectLayout.detect().root()
                .resolve("eval-service/src/test/resources/onnx/smallnet-nchw-pm1.onnx");
        assertTrue(Files.isRegularFile(model), model + " (the PyTorch-made fixture)");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = RobustCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("submit", model.toString(), "--name", NAME, "--preprocess", "[-1,1]",
                "--dataset", "synthetic", "--eval", stack.uri(Service.EVAL).toString());

        assertEquals(0, exit, out + " / " + err);
        Matcher submitted = SUBMITTED.matcher(out.toString());
        assertTrue(submitted.find(), out.toString());
        String checkpointId = submitted.group(1);
        assertEquals("imported-" + NAME, submitted.group(2));
        EvaluationSummary summary = awaitValue("a complete summary of " + checkpointId + " on "
                + Topics.EVALUATION_SUMMARIES, () -> TopicRecords.events(stack.bootstrapServers(),
                        Topics.EVALUATION_SUMMARIES, EvaluationSummary.class).stream()
                .filter(s -> s.checkpointId().equals(checkpointId)
                        && s.status() == EvaluationSummary.Status.COMPLETE)
                .findFirst());
        LOG.println("imported model summary: " + summary);
        assertEquals(ModelKind.IMPORTED, summary.kind());
        assertEquals("synthetic", summary.dataset());
        assertTrue(summary.missing().isEmpty(), "missing slices: " + summary.missing());
        assertTrue(summary.cleanTop1() != null && summary.cSev5() != null, summary.toString());
        JsonNode report = awaitValue("the report of " + checkpointId, () -> {
            JsonNode current = HTTP.get(stack.uri(Service.EVAL).resolve("/checkpoints/" + checkpointId + "/report"));
            return Optional.of(current);
        });
        assertEquals("complete", report.path("summary").path("status").asText(), report.toString());
        assertTrue(report.path("results").size() > 0, report.toString());
    }
}
