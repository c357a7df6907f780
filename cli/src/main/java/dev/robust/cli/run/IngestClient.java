package dev.robust.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.robust.common.corruption.Corruption;
import dev.robust.common.profile.RunProfile;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Fills the data topics through the augment-service: {@code POST /datasets}, then {@code POST /corruptions} for
 * the corruptions and severities the profile scores, each followed until its job ends.
 */
final class IngestClient {
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(15);

    private final JsonHttp http;
    private final URI augment;
    private final PrintWriter out;

    IngestClient(JsonHttp http, URI augment, PrintWriter out) {
        this.http = http;
        this.augment = augment;
        this.out = out;
    }

    /** Ingests the data set with the profile's validation split. */
    void ingestDataset(DataPlan data, RunProfile profile) throws IOException, InterruptedException {
        Map<String, Object> body = Map.of("spec", data.datasetSpec(), "validationSize", profile.valExamples());
        JsonNode job = http.post(augment.resolve("/datasets"), body);
        follow("data set " + data.datasetSpec(), "/datasets/jobs/", job);
    }

    /** Generates (or reads from the released directory) what the eval-service will score, and no more. */
    void ingestCorruptions(DataPlan data, RunProfile profile) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        if (data.cifar10cDirectory() != null) body.put("directory", data.cifar10cDirectory());
        body.put("corruptions", profile.evalCorruptions().stream().map(Corruption::id).toList());
        body.put("severities", profile.evalSeverities());
        body.put("limitPerSeverity", profile.evalImagesPerSeverity());
        JsonNode job = http.post(augment.resolve("/corruptions"), body);
        follow("CIFAR-10-C (" + profile.evalCorruptions().size() + " corruptions × "
                + profile.evalSeverities().size() + " severities)", "/corruptions/jobs/", job);
    }

    private void follow(String what, String jobsPath, JsonNode job) throws IOException, InterruptedException {
        String id = job.path("id").asText();
        URI status = augment.resolve(jobsPath + id);
        long started = System.nanoTime();
        long lastReport = started;
        while (true) {
            String state = job.path("state").asText();
            if (state.equals("SUCCEEDED")) {
                out.printf("ingest     %s: done in %.1f s%n", what, (System.nanoTime() - started) / 1e9);
                out.flush();
                return;
            }
            if (state.equals("FAILED")) {
                throw new IOException("ingest of " + what + " failed (job " + id + "): " + job.path("error").asText());
            }
            if (System.nanoTime() - lastReport > REPORT_EVERY.toNanos()) {
                double percent = 100 * job.path("progress").asDouble();
                out.printf("ingest     %s: %s %.0f%%%n", what, state.toLowerCase(Locale.ROOT), percent);
                out.flush();
                lastReport = System.nanoTime();
            }
            Thread.sleep(POLL.toMillis());
            job = http.get(status);
        }
    }
}
