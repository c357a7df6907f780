package dev.robust.kafka.embedded;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A single-node Kafka (KRaft, combined broker and controller) on a fixed port with its data in a directory that
 * survives restarts: what {@code robust kafka} runs. Listens on the loopback interface only.
 */
public final class StandaloneBroker implements AutoCloseable {
    public static final int DEFAULT_PORT = 9092;
    private static final String HOST = "localhost";
    private static final int NODE_ID = 1;
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private boolean stopped;

    private StandaloneBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Formats {@code dataDir} on first use, starts the broker and returns once it accepts clients.
     *
     * @throws IOException when the port is taken or the data directory cannot be used
     */
    public static StandaloneBroker start(int port, Path dataDir, SingleNodeSettings settings) throws IOException {
        requirePortFree(port);
        Path logDir = dataDir.toAbsolutePath().resolve("logs");
        Files.createDirectories(logDir);
        // Clients never talk to the controller, so it takes any free port; with a static voter set the port
        // lives only in this run's config, so a different one on the next start is harmless.
        int controllerPort = freePort();

        Map<String, Object> props = new HashMap<>(settings.brokerProperties());
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        props.put("listeners", BROKER_LISTENER + "://" + HOST + ":" + port + ","
                + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        props.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + port);
        props.put("listener.security.protocol.map",
                BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put("log.dirs", logDir.toString());
        KafkaConfig config = new KafkaConfig(props, false);

        formatIfNew(logDir);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            server.shutdown();
            throw new IOException("Kafka broker on port " + port + " with data in " + dataDir
                    + " failed to start: " + e.getMessage(), e);
        }
        return new StandaloneBroker(server, HOST + ":" + port);
    }

    /** Writes the cluster and node identity the first time; a directory formatted before is left as it is. */
    private static void formatIfNew(Path logDir) throws IOException {
        // The formatter compares an existing directory's cluster id with the one it is given, so a formatted
        // directory must not reach it: its id is not known here.
        if (Files.exists(logDir.resolve("meta.properties"))) return;
        try {
            new Formatter()
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(NODE_ID)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .run();
        } catch (Exception e) {
            throw new IOException("cannot format Kafka data directory " + logDir + ": " + e.getMessage(), e);
        }
    }

    /** Kafka reports a taken port deep inside its start-up, after creating threads; check first for a clear error. */
    private static void requirePortFree(int port) throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (IOException e) {
            throw new IOException("port " + port + " on " + HOST + " is in use (another Kafka running?); "
                    + "choose another with --port", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    /** {@code host:port} for clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Blocks until the broker has stopped, by {@link #close()} from another thread. */
    public void awaitShutdown() {
        server.awaitShutdown();
    }

    /** Stops the broker cleanly (closes logs, so the next start needs no recovery). Safe to call twice. */
    @Override
    public synchronized void close() {
        if (stopped) return;
        stopped = true;
        server.shutdown();
        server.awaitShutdown();
    }
}
