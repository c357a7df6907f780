package dev.robust.kafka.embedded.testing;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class TestKitBrokerTest {

    @Test
    void carriesARecordOfSixtyKilobytesAndDeletesItsDataOnClose() throws Exception {
        long startNanos = System.nanoTime();
        TestKitBroker broker = TestKitBroker.start();
        System.out.printf("embedded test broker started in %d ms%n", (System.nanoTime() - startNanos) / 1_000_000);
        Path dataDir;
        try (broker) {
            dataDir = dataDirectoryOf(broker);
            // A clean/noisy pair at 96×96×3 is ~55 KB: it must fit the broker's and a default producer's limits.
            String pairSized = "x".repeat(60 * 1024);
            var record = RecordRoundTrip.sendAndReceive(
                    Map.of("bootstrap.servers", broker.bootstrapServers()), "pairs", "0", pairSized,
                    Duration.ofSeconds(30));
            assertEquals(pairSized, record.value());
        }
        assertFalse(Files.exists(dataDir), "temporary data directory " + dataDir + " is deleted");
    }

    private static Path dataDirectoryOf(TestKitBroker broker) {
        return Path.of(broker.baseDirectory());
    }
}
