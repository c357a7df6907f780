package dev.robust.cli.run;

import dev.robust.common.profile.RunProfile;
import dev.robust.kafka.embedded.SingleNodeSettings;
import dev.robust.kafka.embedded.StandaloneBroker;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The stack of {@code robust run} (an embedded broker, the three packaged services as child processes, the same
 * {@link StackConfig}), assembled piece by piece so that a drill can kill a service with SIGKILL and start it
 * again on the same port, or stop the broker and start it again on the same port and data directory.
 */
final class DrillStack implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

    /**
     * A killed consumer leaves no group: its partitions move only when its session times out (45 s by default).
     * The drills shorten that for the trainer's and the eval-service's groups (6 s is the broker's minimum), so a
     * replacement takes over in seconds; docs/reliability.md says what the default costs.
     */
    static final Map<String, String> FAST_GROUP_FAILOVER = Map.of(
            "kafka.session.timeout.ms", "6000",
            "kafka.heartbeat.interval.ms", "1000");

    private final ProjectLayout layout = ProjectLayout.detect();
    private final StackConfig config;
    private final PrintWriter out;
    private final int kafkaPort;
    private final Map<Service, Integer> ports = new EnumMap<>(Service.class);
    private final Map<Service, ServiceProcess> services = new EnumMap<>(Service.class);
    private final Map<Service, Integer> launches = new EnumMap<>(Service.class);
    private final List<ServiceProcess> replicas = new ArrayList<>();
    private StandaloneBroker broker;

    private DrillStack(StackConfig config, PrintWriter out, int kafkaPort) {
        this.config = config;
        this.out = out;
        this.kafkaPort = kafkaPort;
    }

    static DrillStack start(Path outDir, Path dataRoot, RunProfile profile, PrintWriter out)
            throws IOException, InterruptedException {
        StackConfig config = new StackConfig(outDir, dataRoot, profile, List.of());
        DrillStack stack = new DrillStack(config, out, LocalPorts.any());
        try {
            stack.broker = StandaloneBroker.start(stack.kafkaPort, config.kafkaDir(), SingleNodeSettings.defaults());
            for (Service service : Service.values()) {
                stack.ports.put(service, LocalPorts.any());
                stack.launch(service);
            }
            for (Service service : Service.values()) stack.services.get(service).awaitReady(READY_TIMEOUT);
        } catch (IOException | InterruptedException | RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    String bootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    URI uri(Service service) {
        return URI.create("http://localhost:" + ports.get(service));
    }

    Path checkpointDir() {
        return config.checkpointDir();
    }

    /** The log of the service's current process. */
    Path log(Service service) {
        return services.get(service).log();
    }

    /** The process the stack started for {@code service} (its latest launch). */
    ServiceProcess primary(Service service) {
        return services.get(service);
    }

    boolean isAlive(Service service) {
        return services.get(service).isAlive();
    }

    /**
     * Starts one more process of {@code service} on a port of its own, with the same settings (so in the same
     * consumer groups) and a log of its own; returns at once, {@link ServiceProcess#awaitReady} waits for it.
     */
    ServiceProcess addReplica(Service service) throws IOException {
        int port = LocalPorts.any();
        String name = service.module() + "-replica-" + (replicas.size() + 2);
        // Kafka Streams locks its state directory: each replica keeps its own, as each pod does.
        ServiceProcess replica = start(service, port, config.logDir().resolve(name + ".log"),
                Map.of("kafka-streams.state.dir", config.outDir().resolve("kafka-streams").resolve(name).toString()));
        replicas.add(replica);
        return replica;
    }

    /** SIGKILL, as a crash or the OOM killer would: no shutdown hook, no Kafka client closed, no group left. */
    void kill(Service service) throws InterruptedException {
        kill(services.get(service));
    }

    /** {@link #kill(Service)} of one process, e.g. a replica. */
    void kill(ServiceProcess service) throws InterruptedException {
        ProcessHandle process = process(service);
        process.destroyForcibly();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(service.service().module() + " (pid " + process.pid()
                    + ") survived SIGKILL", e);
        }
        out.println("drill: killed " + service.service().module() + " (pid " + process.pid() + ", "
                + service.baseUri() + ")");
        out.flush();
    }

    /** Starts a new process of the service on the same port, with a log of its own, and waits until it is ready. */
    void restart(Service service) throws IOException, InterruptedException {
        if (services.get(service).isAlive()) throw new IllegalStateException(service.module() + " still runs");
        launch(service);
        services.get(service).awaitReady(READY_TIMEOUT);
        out.println("drill: " + service.module() + " ready again (log " + log(service) + ")");
        out.flush();
    }

    /** Stops the broker cleanly, leaves it down for {@code down}, starts it on the same port and data directory. */
    void restartBroker(Duration down) throws IOException, InterruptedException {
        broker.close();
        out.println("drill: broker stopped");
        out.flush();
        Thread.sleep(down.toMillis());
        broker = StandaloneBroker.start(kafkaPort, config.kafkaDir(), SingleNodeSettings.defaults());
        out.println("drill: broker started again on " + broker.bootstrapServers());
        out.flush();
    }

    private void launch(Service service) throws IOException {
        int launch = launches.merge(service, 1, Integer::sum);
        Path log = config.logDir().resolve(service.module() + (launch == 1 ? "" : "-" + launch) + ".log");
        services.put(service, start(service, ports.get(service), log, Map.of()));
    }

    private ServiceProcess start(Service service, int port, Path log, Map<String, String> extra) throws IOException {
        Map<String, String> properties = config.properties(service, port, bootstrapServers());
        if (service != Service.AUGMENT) properties.putAll(FAST_GROUP_FAILOVER);
        properties.putAll(extra);
        return ServiceProcess.launch(service, layout.runner(service), port, config.jvmOptions(), properties,
                config.environment(bootstrapServers()), config.outDir(), log);
    }

    /** The process of {@code service}: the child of this JVM started with its runner on its port. */
    private ProcessHandle process(ServiceProcess service) {
        String runner = layout.runner(service.service()).toString();
        String port = "-Dquarkus.http.port=" + service.baseUri().getPort();
        return ProcessHandle.current().children()
                .filter(ProcessHandle::isAlive)
                .filter(child -> {
                    List<String> arguments = child.info().arguments().map(List::of).orElse(List.of());
                    return arguments.contains(runner) && arguments.contains(port);
                })
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no running process of " + service.service().module()
                        + " on " + service.baseUri()));
    }

    @Override
    public void close() {
        for (ServiceProcess replica : replicas) replica.stop();
        for (ServiceProcess service : services.values()) service.stop();
        if (broker != null) broker.close();
    }
}
