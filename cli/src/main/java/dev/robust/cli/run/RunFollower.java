package dev.robust.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.robust.cli.report.ModelScores;
import dev.robust.common.event.EvaluationSummary;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Follows one run to its end: polls the trainer for the run's position, reads the eval-service's output as it
 * arrives, shows both, and returns once the run has finished and the checkpoints it kept are scored.
 */
final class RunFollower {
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    /**
     * The trainer's last view of a finished run and the summaries of its final checkpoints (null if not trained;
     * {@code rawTeacher} null too when SWA took no snapshot, so the teacher is the raw one).
     */
    record Outcome(JsonNode run, EvaluationSummary rawTeacher, EvaluationSummary teacher, EvaluationSummary student) {

        /** The final models' scores (raw teacher, teacher, student; those the run has), with their results. */
        List<ModelScores> models(EvaluationFeed feed) {
            List<ModelScores> models = new ArrayList<>();
            for (EvaluationSummary summary : new EvaluationSummary[] {rawTeacher, teacher, student}) {
                if (summary != null) models.add(ModelScores.of(summary, feed.results(summary.checkpointId())));
            }
            return models;
        }
    }

    private final JsonHttp http;
    private final LocalStack stack;
    private final EvaluationFeed feed;
    private final ProgressLine progress;

    RunFollower(JsonHttp http, LocalStack stack, EvaluationFeed feed, ProgressLine progress) {
        this.http = http;
        this.stack = stack;
        this.feed = feed;
        this.progress = progress;
    }

    Outcome follow(String runId) throws IOException, InterruptedException {
        URI runUri = stack.uri(Service.TRAINER).resolve("/runs/" + runId);
        try {
            while (true) {
                stack.requireRunning();
                JsonNode run;
                try {
                    run = http.get(runUri);
                } catch (IOException trainerAway) {
                    // A restarted trainer resumes the run; meanwhile there is no one to ask.
                    if (!stack.restarting()) throw trainerAway;
                    feed.poll(POLL);
                    continue;
                }
                feed.poll(POLL);
                progress.show(run, feed.latest(), feed.inProgress());
                String status = run.path("status").asText();
                if (status.equals("FAILED") || status.equals("CANCELLED")) {
                    throw new IOException("run " + runId + " " + status.toLowerCase(Locale.ROOT) + ": "
                            + run.path("reason").asText("no reason given") + " (trainer log: "
                            + "logs/" + Service.TRAINER.module() + ".log)");
                }
                if (status.equals("FINISHED")) {
                    Optional<Outcome> outcome = scored(run);
                    if (outcome.isPresent()) {
                        feed.catchUp(CATCH_UP);
                        return outcome.get();
                    }
                }
            }
        } finally {
            progress.finish();
        }
    }

    /** The outcome once every final checkpoint the run names has a summary. */
    private Optional<Outcome> scored(JsonNode run) {
        String rawId = run.path("rawTeacherCheckpointId").textValue();
        String teacherId = run.path("teacherCheckpointId").textValue();
        String studentId = run.path("studentCheckpointId").textValue();
        EvaluationSummary raw = rawId == null ? null : feed.summary(rawId).orElse(null);
        EvaluationSummary teacher = teacherId == null ? null : feed.summary(teacherId).orElse(null);
        EvaluationSummary student = studentId == null ? null : feed.summary(studentId).orElse(null);
        boolean scored = (rawId == null || raw != null) && (teacherId == null || teacher != null)
                && (studentId == null || student != null);
        return scored ? Optional.of(new Outcome(run, raw, teacher, student)) : Optional.empty();
    }
}
