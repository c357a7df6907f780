package dev.robust.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.robust.cli.report.ReportFiles;
import dev.robust.common.BadInputException;
import dev.robust.common.profile.RunProfile;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code robust run --resume}: the run an interrupted {@code robust run} (a crash, a kill, Ctrl-C) left in its
 * output directory. Its request is still in the broker there, uncommitted, so the trainer of the new stack takes it
 * and continues from its last checkpoint; this finds it on the trainer's board, to follow it and write its report
 * (also when the new trainer has already finished it: a run that ended without a report in the directory).
 */
final class UnfinishedRun {
    /** The board is folded from the {@code runs} topic; after a start it may need a moment to catch up. */
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Set<String> UNFINISHED = Set.of("REQUESTED", "RUNNING");
    /** How long the board gets to show an unfinished run before an ended, unreported one is taken instead. */
    private static final Duration SETTLE = Duration.ofSeconds(5);

    private UnfinishedRun() {
    }

    /**
     * The unfinished run as {@code POST /runs} would have answered it: {@code runId}, {@code profile},
     * {@code engine} and the {@code config} it trains with (the profile, with the engine it names).
     */
    static JsonNode find(JsonHttp http, URI trainer, RunProfile profile, Path outDir)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        long deadline = started + WAIT.toNanos();
        String reported = reportedRunId(outDir);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            seen.clear();
            JsonNode endedUnreported = null;
            for (JsonNode run : http.get(trainer.resolve("/runs"))) {
                String status = run.path("status").asText();
                seen.add(run.path("runId").asText() + " " + status);
                if (UNFINISHED.contains(status)) return accepted(run, profile, outDir);
                if (!run.path("runId").asText().equals(reported)) endedUnreported = run;
            }
            // The new stack's trainer resumes the run by itself and may end a short one before this looks: a run
            // that ended without a report here is the one to report, once the board had time to show a newer one.
            if (endedUnreported != null && System.nanoTime() - started > SETTLE.toNanos()) {
                return accepted(endedUnreported, profile, outDir);
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new BadInputException("--out " + outDir + " holds no unfinished run to resume (its runs: "
                + (seen.isEmpty() ? "none" : String.join(", ", seen)) + ")");
    }

    /** The run the report in {@code outDir} is of, or null when there is none (or it cannot be read). */
    private static String reportedRunId(Path outDir) {
        Path report = outDir.resolve(ReportFiles.JSON);
        if (!Files.isRegularFile(report)) return null;
        try {
            return ReportFiles.read(report).runId();
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    private static JsonNode accepted(JsonNode run, RunProfile profile, Path outDir) {
        String runId = run.path("runId").asText();
        String runProfile = run.path("profile").asText();
        if (!runProfile.equals(profile.name())) {
            throw new BadInputException("run " + runId + " in " + outDir + " has profile " + runProfile
                    + "; resume it with --profile " + runProfile);
        }
        String engine = run.path("engine").textValue();
        RunProfile trained = engine == null ? profile : profile.withOverrides(Map.of("engine", engine));
        ObjectNode accepted = JsonNodeFactory.instance.objectNode();
        accepted.put("runId", runId).put("profile", runProfile).put("engine", trained.engine());
        ObjectNode config = accepted.putObject("config");
        trained.asMap().forEach(config::put);
        return accepted;
    }
}
