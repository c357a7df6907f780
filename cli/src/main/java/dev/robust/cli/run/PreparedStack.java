package dev.robust.cli.run;

import dev.robust.common.dataset.Cifar10Download;
import dev.robust.common.profile.RunProfile;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stack with its data in place, ready for runs: what {@code robust run} and {@code robust up} both start with.
 * Chooses the data (and says which in a banner), starts the broker and the services, ingests the data set and the
 * CIFAR-10-C images the profile scores, and times each stage.
 */
final class PreparedStack implements AutoCloseable {
    private final LocalStack stack;
    private final DataPlan data;
    private final RunProfile profile;
    private final Path outDir;
    private final JsonHttp http;
    private final Map<String, Double> durations = new LinkedHashMap<>();

    private PreparedStack(LocalStack stack, DataPlan data, RunProfile profile, Path outDir, JsonHttp http) {
        this.stack = stack;
        this.data = data;
        this.profile = profile;
        this.outDir = outDir;
        this.http = http;
    }

    static PreparedStack start(StackOptions options, PrintWriter out) throws IOException, InterruptedException {
        RunProfile profile = options.runProfile();
        Path outDir = options.outDir();
        DataPlan data = new DatasetChoice(Path.of("data"), outDir, Cifar10Download.official()::fetch)
                .choose(options.dataset, options.cifar10c, profile);
        banner(out, profile, options.engine == null ? profile.engine() : options.engine, data, outDir);

        long started = System.nanoTime();
        StackConfig config = new StackConfig(outDir, data.dataRoot(), profile,
                StackOptions.serviceJvmOptions());
        LocalStack stack = LocalStack.start(ProjectLayout.detect(), config, out);
        PreparedStack prepared = new PreparedStack(stack, data, profile, outDir,
                new JsonHttp(StackOptions.securityToken()));
        try {
            prepared.durations.put("stack start", seconds(started));
            long ingestStarted = System.nanoTime();
            IngestClient ingest = new IngestClient(prepared.http, stack.uri(Service.AUGMENT), out);
            ingest.ingestDataset(data, profile);
            ingest.ingestCorruptions(data, profile);
            prepared.durations.put("ingest", seconds(ingestStarted));
        } catch (IOException | InterruptedException | RuntimeException e) {
            prepared.close();
            throw e;
        }
        return prepared;
    }

    private static void banner(PrintWriter out, RunProfile profile, String engine, DataPlan data, Path outDir) {
        out.println("robust: profile " + profile.name() + " (" + profile.model() + " on " + engine + ", "
                + profile.trainExamples() + " training images, " + profile.teacher().epochs() + "+"
                + profile.student().epochs() + " epochs, " + profile.evalCorruptions().size() + " corruptions)");
        String rule = "=".repeat(78);
        if (data.synthetic()) out.println(rule);
        out.println("data:      " + data.datasetNote());
        if (data.synthetic()) {
            out.println("           Scores on synthetic images show the pipeline works; they say nothing about "
                    + "CIFAR-10.");
            out.println(rule);
        }
        out.println("CIFAR-10-C " + data.cifar10cNote());
        out.println("output:    " + outDir);
        out.flush();
    }

    static double seconds(long startedNanos) {
        return Math.round((System.nanoTime() - startedNanos) / 1e8) / 10.0;
    }

    LocalStack stack() {
        return stack;
    }

    DataPlan data() {
        return data;
    }

    RunProfile profile() {
        return profile;
    }

    Path outDir() {
        return outDir;
    }

    JsonHttp http() {
        return http;
    }

    /** Stage → seconds so far, in order; callers add their own stages. */
    Map<String, Double> durations() {
        return durations;
    }

    @Override
    public void close() {
        stack.close();
    }
}
