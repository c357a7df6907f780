package dev.robust.kafka.embedded.testing;

import dev.robust.kafka.embedded.SingleNodeSettings;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * The single-node broker for tests: Kafka's own {@link KafkaClusterTestKit} in this JVM, on a free port, with its
 * data in a temporary directory deleted on {@link #close()}. Same {@link SingleNodeSettings} as the CLI's broker.
 */
public final class TestKitBroker implements AutoCloseable {
    private final KafkaClusterTestKit cluster;

    private static final String RETENTION_CHECK_INTERVAL = "log.retention.check.interval.ms";
    private static final String TEST_RETENTION_CHECK_INTERVAL_MS = "1000";

    private TestKitBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    public static TestKitBroker start() {
        return start(SingleNodeSettings.defaults());
    }

    /** Starts the broker and returns once it accepts clients. */
    public static TestKitBroker start(SingleNodeSettings settings) {
        KafkaClusterTestKit cluster = null;
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    // The kit defaults to the newest, still unstable, metadata version; run what users run.
                    .setBootstrapMetadataVersion(MetadataVersion.LATEST_PRODUCTION)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes).setDeleteOnClose(true);
            settings.brokerProperties().forEach(builder::setConfigProp);
            // Tests of flow control must see retention delete within seconds, not the CLI broker's minute.
            builder.setConfigProp(RETENTION_CHECK_INTERVAL, TEST_RETENTION_CHECK_INTERVAL_MS);
            cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new TestKitBroker(cluster);
        } catch (Exception e) {
            if (cluster != null) closeQuietly(cluster, e);
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            throw new IllegalStateException("embedded Kafka test broker failed to start: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(KafkaClusterTestKit cluster, Exception cause) {
        try {
            cluster.close();
        } catch (Exception suppressed) {
            cause.addSuppressed(suppressed);
        }
    }

    /** {@code host:port} for clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Where the broker keeps its data while it runs. */
    String baseDirectory() {
        return cluster.nodes().baseDirectory();
    }

    /** Stops the broker and deletes its temporary directory. */
    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("embedded Kafka test broker failed to stop cleanly", e);
        }
    }
}
