package dev.robust.cli.run;

import dev.robust.common.BadInputException;
import dev.robust.common.profile.RunProfile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How the local stack is set up: everything under {@code outDir} (broker data, logs, checkpoints), the directory the
 * augment-service may read data sets from, and the profile whose {@code eval.*} settings the eval-service scores
 * with (they are service settings, the same keys as the profile's). The engine is not a stack setting: each run
 * names its own in its request, which the trainer validates.
 *
 * @param jvmOptions extra options for every service JVM (e.g. from {@code ROBUST_SERVICE_JAVA_OPTS})
 */
public record StackConfig(Path outDir, Path dataRoot, RunProfile profile, List<String> jvmOptions) {

    /** Where the broker keeps its data, under the output directory. */
    static final String KAFKA_DIR = "kafka";

    Path kafkaDir() {
        return outDir.resolve(KAFKA_DIR);
    }

    /**
     * Refuses an output directory that holds an earlier stack: its broker would still hold that run's requests, and
     * the trainer would resume them first.
     */
    static void requireNoEarlierStack(Path outDir) {
        Path earlierBroker = outDir.resolve(KAFKA_DIR);
        if (Files.exists(earlierBroker)) {
            throw new BadInputException("--out " + outDir + " holds an earlier run (" + earlierBroker
                    + "); choose a new directory");
        }
    }

    /** For {@code robust run --resume}: the output directory must hold the stack of the run to resume. */
    static void requireEarlierStack(Path outDir) {
        if (!Files.isDirectory(outDir.resolve(KAFKA_DIR))) {
            throw new BadInputException("--out " + outDir + " holds no earlier run to resume (no "
                    + outDir.resolve(KAFKA_DIR) + ")");
        }
    }

    Path logDir() {
        return outDir.resolve("logs");
    }

    Path checkpointDir() {
        return outDir.resolve("checkpoints");
    }

    /** The system properties that configure {@code service} (keys of its application.properties). */
    Map<String, String> properties(Service service, int port, String bootstrapServers) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.http.port", Integer.toString(port));
        // A local stack has no authentication in front of it: keep it off the network.
        properties.put("quarkus.http.host", "127.0.0.1");
        properties.put("kafka.bootstrap.servers", bootstrapServers);
        // Kafka Streams state of this run's broker belongs with it, not in a temp directory another run shares.
        properties.put("kafka-streams.state.dir", outDir.resolve("kafka-streams").resolve(service.module()).toString());
        switch (service) {
            case AUGMENT -> properties.put("robust.augment.data-root", dataRoot.toString());
            case TRAINER -> properties.put("robust.trainer.checkpoint-store", checkpointDir().toString());
            case EVAL -> {
                properties.put("robust.eval.checkpoint-store", checkpointDir().toString());
                properties.put("robust.eval.corruptions", profile.evalCorruptions().stream()
                        .map(c -> c.id()).collect(Collectors.joining(",")));
                properties.put("robust.eval.severities", profile.evalSeverities().stream()
                        .map(String::valueOf).collect(Collectors.joining(",")));
                properties.put("robust.eval.clean-images", Integer.toString(profile.evalCleanImages()));
                properties.put("robust.eval.images-per-severity", Integer.toString(profile.evalImagesPerSeverity()));
                properties.put("robust.eval.epoch.clean-images", Integer.toString(profile.evalEpochCleanImages()));
                properties.put("robust.eval.epoch.images-per-severity",
                        Integer.toString(profile.evalEpochImagesPerSeverity()));
            }
        }
        return properties;
    }

    /**
     * Environment of every service. The {@code %prod} profile reads the broker from this variable; the system
     * property above also covers a build whose properties name the key directly.
     */
    Map<String, String> environment(String bootstrapServers) {
        return Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
    }
}
