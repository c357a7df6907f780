package dev.robust.cli;

import dev.robust.kafka.embedded.testing.RecordRoundTrip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaCommandTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    @Test
    void servesClientsOnTheGivenPortUntilStopped() throws Exception {
        KafkaCommand command = new KafkaCommand();
        CommandLine cli = new CommandLine(command);
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        int port = freePort();

        CompletableFuture<Integer> exitCode = CompletableFuture.supplyAsync(
                () -> cli.execute("--port", Integer.toString(port), "--data-dir", dataDir.toString()));
        try {
            String bootstrap = command.awaitBootstrapServers(TIMEOUT);
            assertEquals("localhost:" + port, bootstrap);
            assertTrue(out.toString().contains("bootstrap servers: localhost:" + port), out.toString());

            var record = RecordRoundTrip.sendAndReceive(Map.of("bootstrap.servers", bootstrap),
                    "probe", "ping", "pong", TIMEOUT);
            assertEquals("pong", record.value());
        } finally {
            command.stop();
        }
        assertEquals(0, exitCode.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    }

    @Test
    void helpNamesPortAndDataDirectory() {
        CommandLine cli = RobustCommand.newCommandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));

        assertEquals(0, cli.execute("kafka", "--help"));
        assertTrue(out.toString().contains("--port"), out.toString());
        assertTrue(out.toString().contains("--data-dir"), out.toString());
    }

    @Test
    void rejectsARetentionSmallerThanOneSegmentAsBadUsage() {
        CommandLine cli = RobustCommand.newCommandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("kafka", "--port", "1", "--data-dir", dataDir.toString(), "--retention-mb", "1");

        assertEquals(RobustCommand.EXIT_USAGE, exit);
        assertTrue(err.toString().contains("retention"), err.toString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
