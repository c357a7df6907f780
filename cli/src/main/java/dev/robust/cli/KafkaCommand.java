package dev.robust.cli;

import dev.robust.kafka.embedded.SingleNodeSettings;
import dev.robust.kafka.embedded.StandaloneBroker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code robust kafka}: the project's single-node broker in the foreground, for services and runs on this machine. */
@Command(name = "kafka",
        mixinStandardHelpOptions = true,
        description = {
                "Run a single-node Apache Kafka broker (KRaft) in the foreground until Ctrl-C.",
                "It listens on localhost only and keeps its data in --data-dir across restarts."})
public final class KafkaCommand implements Callable<Integer> {
    private static final long MIB = 1024 * 1024;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + StandaloneBroker.DEFAULT_PORT,
            description = "Port clients connect to (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", defaultValue = "runs/kafka", paramLabel = "DIR",
            description = "Where the broker keeps its logs and metadata (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--retention-mb", paramLabel = "MB",
            defaultValue = "" + SingleNodeSettings.DEFAULT_RETENTION_BYTES_PER_PARTITION / MIB,
            description = "Data kept per topic partition before the oldest is deleted (default: ${DEFAULT-VALUE}).")
    long retentionMb;

    @Option(names = "--retention-hours", paramLabel = "HOURS", defaultValue = "24",
            description = "Age after which records are deleted (default: ${DEFAULT-VALUE}).")
    long retentionHours;

    @Spec
    CommandSpec spec;

    private final CountDownLatch started = new CountDownLatch(1);
    private volatile StandaloneBroker broker;

    @Override
    public Integer call() throws IOException {
        SingleNodeSettings settings = settings();
        broker = StandaloneBroker.start(port, dataDir, settings);
        // Ctrl-C runs shutdown hooks: stop the broker there so its logs are closed cleanly.
        Thread stopOnExit = new Thread(this::stop, "robust-kafka-shutdown");
        Runtime.getRuntime().addShutdownHook(stopOnExit);

        PrintWriter out = spec.commandLine().getOut();
        out.println("Kafka is running. bootstrap servers: " + broker.bootstrapServers());
        out.println("data: " + dataDir.toAbsolutePath() + " (per partition: " + retentionMb + " MB, "
                + retentionHours + " h). Ctrl-C stops it.");
        out.flush();
        started.countDown();

        broker.awaitShutdown();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shutdownInProgress) {
            // Stopped by Ctrl-C: the hook is what stopped the broker.
        }
        return 0;
    }

    private SingleNodeSettings settings() {
        try {
            return new SingleNodeSettings(retentionMb * MIB, Duration.ofHours(retentionHours));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "invalid retention: " + e.getMessage());
        }
    }

    /** Blocks until the broker accepts clients, or the command failed before that; tests use it. */
    String awaitBootstrapServers(Duration timeout) throws InterruptedException {
        if (!started.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("broker did not start within " + timeout);
        }
        return broker.bootstrapServers();
    }

    /** Stops the broker, which ends {@link #call()}; what Ctrl-C does, callable from tests. */
    void stop() {
        StandaloneBroker running = broker;
        if (running != null) running.close();
    }
}
