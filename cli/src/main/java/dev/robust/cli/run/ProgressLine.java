package dev.robust.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.robust.cli.report.ReportTables;
import dev.robust.common.event.EvaluationSummary;
import dev.robust.common.profile.RunProfile;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;

/**
 * The live view of a run on the terminal: where training is (phase, epoch, step, images/s, ETA) and the latest
 * scores. On a terminal one line is redrawn in place; in a log (no console) a line is written when the position
 * changes, at most every few seconds, so CI logs stay short.
 */
final class ProgressLine {
    private static final long LOG_INTERVAL_NANOS = 20_000_000_000L;

    private final PrintWriter out;
    private final boolean interactive;
    private final RunProfile profile;
    private final String label;
    private String lastLogged = "";
    private long lastLoggedAt;
    private int drawnWidth;

    ProgressLine(PrintWriter out, boolean interactive, RunProfile profile) {
        this(out, interactive, profile, "");
    }

    /** @param label what the run is within a larger job, e.g. {@code augment-only seed 43}; shown first */
    ProgressLine(PrintWriter out, boolean interactive, RunProfile profile, String label) {
        this.out = out;
        this.interactive = interactive;
        this.profile = profile;
        this.label = label.isEmpty() ? "" : "[" + label + "] ";
    }

    /**
     * @param run     the trainer's view of the run ({@code GET /runs/{id}})
     * @param latest  the summary of the checkpoint scored last
     * @param scoring the checkpoint being scored now
     */
    void show(JsonNode run, Optional<EvaluationSummary> latest, Optional<EvaluationFeed.Scoring> scoring) {
        String runId = run.path("runId").asText();
        // Scoring lags training: say which checkpoint is being scored and how far along it is.
        String line = label + position(run) + latest.map(ProgressLine::scores).orElse("")
                + scoring.map(s -> String.format(Locale.ROOT, "  | scoring %s %d/%d",
                shortName(s.checkpointId(), runId), s.results(), expectedResults())).orElse("");
        if (interactive) {
            out.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
            drawnWidth = line.length();
            out.flush();
            return;
        }
        String milestone = milestone(run) + latest.map(EvaluationSummary::checkpointId).orElse("")
                + scoring.map(EvaluationFeed.Scoring::checkpointId).orElse("");
        if (!milestone.equals(lastLogged) || System.nanoTime() - lastLoggedAt > LOG_INTERVAL_NANOS) {
            out.println(line);
            out.flush();
            lastLogged = milestone;
            lastLoggedAt = System.nanoTime();
        }
    }

    /** Ends the redrawn line so the next output starts on its own. */
    void finish() {
        if (interactive && drawnWidth > 0) {
            out.println();
            out.flush();
        }
        drawnWidth = 0;
    }

    private String position(JsonNode run) {
        String status = run.path("status").asText("?").toLowerCase(Locale.ROOT);
        if (!run.hasNonNull("phase")) {
            return String.format("%-9s %s", status, status.equals("requested") ? "waiting for a trainer" : "starting");
        }
        String phase = run.path("phase").asText();
        int epochs = phase.equals("student") ? profile.student().epochs() : profile.teacher().epochs();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-9s %s epoch %d/%d", status, phase,
                run.path("epoch").asInt() + 1, epochs));
        if (run.hasNonNull("step")) {
            text.append(String.format(Locale.ROOT, " step %d/%d", run.path("step").asInt(),
                    run.path("stepsPerEpoch").asInt()));
        }
        if (run.hasNonNull("imagesPerSecond")) {
            text.append(String.format(Locale.ROOT, "  %.0f img/s", run.path("imagesPerSecond").asDouble()));
        }
        if (run.hasNonNull("etaSeconds")) {
            long eta = run.path("etaSeconds").asLong();
            text.append(String.format(Locale.ROOT, "  ETA %d:%02d", eta / 60, eta % 60));
        }
        return text.toString();
    }

    private static String milestone(JsonNode run) {
        return run.path("status").asText() + run.path("phase").asText() + run.path("epoch").asText();
    }

    /** One result for the clean test set, one per corruption and severity. */
    private int expectedResults() {
        return 1 + profile.evalCorruptions().size() * profile.evalSeverities().size();
    }

    /** The latest checkpoint's scores, named by what the model is: {@code teacher epoch 1: clean 81.0% C-sev5 40.2%}. */
    private static String scores(EvaluationSummary summary) {
        return String.format(Locale.ROOT, "  | %s: clean %s C-sev5 %s", summary.displayName(),
                ReportTables.percent(summary.cleanTop1()), ReportTables.percent(summary.cSev5()));
    }

    /** A checkpoint id without its run id ({@code student-0}); the run is on screen already. */
    private static String shortName(String checkpointId, String runId) {
        String prefix = runId + "-";
        return checkpointId.startsWith(prefix) ? checkpointId.substring(prefix.length()) : checkpointId;
    }
}
