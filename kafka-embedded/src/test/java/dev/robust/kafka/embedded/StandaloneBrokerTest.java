package dev.robust.kafka.embedded;

import dev.robust.kafka.embedded.testing.RecordRoundTrip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StandaloneBrokerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    @Test
    void keepsRecordsAcrossARestartOnTheSameDataDirectory() throws Exception {
        int port = freePort();
        try (StandaloneBroker broker = StandaloneBroker.start(port, dataDir, SingleNodeSettings.defaults())) {
            assertEquals("localhost:" + port, broker.bootstrapServers());
            var record = RecordRoundTrip.sendAndReceive(clientConfig(broker), "probe", "k", "first", TIMEOUT);
            assertEquals("first", record.value());
        }
        try (StandaloneBroker broker = StandaloneBroker.start(port, dataDir, SingleNodeSettings.defaults())) {
            var record = RecordRoundTrip.sendAndReceive(clientConfig(broker), "probe", "k", "second", TIMEOUT);
            assertEquals("second", record.value());
            assertEquals(1, record.offset(), "the record of the first run is still there");
        }
    }

    @Test
    void refusesAPortInUseWithAMessageNamingIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            IOException e = assertThrows(IOException.class,
                    () -> StandaloneBroker.start(taken.getLocalPort(), dataDir, SingleNodeSettings.defaults()));
            assertTrue(e.getMessage().contains("port " + taken.getLocalPort()), e.getMessage());
        }
    }

    private static Map<String, Object> clientConfig(StandaloneBroker broker) {
        return Map.of("bootstrap.servers", broker.bootstrapServers());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
