package dev.robust.cli.run;

import dev.robust.kafka.embedded.SingleNodeSettings;
import dev.robust.kafka.embedded.StandaloneBroker;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole product on this machine: an Apache Kafka broker in this JVM and the three services as child processes.
 * Closing it (or a shutdown hook on Ctrl-C) stops the services, then the broker, so nothing is left running.
 */
public final class LocalStack implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

    private final StandaloneBroker broker;
    private final Map<Service, ServiceProcess> services;
    private final PrintWriter out;
    private final Thread stopOnExit = new Thread(this::stop, "robust-stack-shutdown");
    private boolean stopped;

    private LocalStack(StandaloneBroker broker, Map<Service, ServiceProcess> services, PrintWriter out) {
        this.broker = broker;
        this.services = services;
        this.out = out;
    }

    /** Starts the broker and the services, and returns once every service reports ready. */
    public static LocalStack start(ProjectLayout layout, StackConfig config, PrintWriter out)
            throws IOException, InterruptedException {
        return start(layout, config, out, EnumSet.allOf(Service.class));
    }

    /** Starts the broker and only {@code which} of the services ({@code robust bench} needs the augment-service). */
    public static LocalStack start(ProjectLayout layout, StackConfig config, PrintWriter out, Set<Service> which)
            throws IOException, InterruptedException {
        Map<Service, java.nio.file.Path> runners = new EnumMap<>(Service.class);
        for (Service service : which) runners.put(service, layout.runner(service));

        int kafkaPort = LocalPorts.preferred(StandaloneBroker.DEFAULT_PORT);
        StandaloneBroker broker = StandaloneBroker.start(kafkaPort, config.kafkaDir(), SingleNodeSettings.defaults());
        String bootstrap = broker.bootstrapServers();
        out.println("kafka      " + bootstrap + " (data " + config.kafkaDir() + ")");
        out.flush();

        Map<Service, ServiceProcess> services = new EnumMap<>(Service.class);
        LocalStack stack = new LocalStack(broker, services, out);
        Runtime.getRuntime().addShutdownHook(stack.stopOnExit);
        try {
            for (Service service : runners.keySet()) {
                int port = LocalPorts.preferred(service.preferredPort());
                services.put(service, ServiceProcess.launch(service, runners.get(service), port,
                        config.jvmOptions(), config.properties(service, port, bootstrap),
                        config.environment(bootstrap), config.outDir(),
                        config.logDir().resolve(service.module() + ".log")));
            }
            // The three boot in parallel; waiting in turn costs nothing extra.
            for (ServiceProcess service : services.values()) {
                service.awaitReady(READY_TIMEOUT);
                out.printf("%-10s %s (log %s)%n", shortName(service), service.baseUri(), service.log());
                out.flush();
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public URI uri(Service service) {
        return services.get(service).baseUri();
    }

    /** Fails with the end of its log when a service has died, so a run does not wait for it forever. */
    public void requireRunning() throws IOException {
        for (ServiceProcess service : services.values()) {
            if (!service.isAlive()) {
                throw new IOException(service.service().module() + " stopped unexpectedly; the end of "
                        + service.log() + ":\n" + service.logTail());
            }
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shutdownInProgress) {
            // The hook itself is stopping the stack.
        }
    }

    /** Says what it stops as it goes: the grace period can be 20 s of an otherwise silent terminal after Ctrl-C. */
    private synchronized void stop() {
        if (stopped) return;
        stopped = true;
        // Services first, in parallel (each may take its grace period), so none of them sees the broker vanish.
        List<ServiceProcess> running = services.values().stream().filter(ServiceProcess::isAlive).toList();
        if (!running.isEmpty()) {
            say("stopping " + String.join(", ", running.stream().map(LocalStack::shortName).toList())
                    + " (SIGTERM; SIGKILL after " + ServiceProcess.STOP_GRACE.toSeconds() + " s)…");
        }
        List<Thread> stopping = new ArrayList<>();
        for (ServiceProcess service : running) {
            Thread thread = new Thread(() -> say("  " + shortName(service) + " " + service.stop()),
                    "stop-" + service.service().module());
            thread.start();
            stopping.add(thread);
        }
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        say("stopping the Kafka broker…");
        broker.close();
        say("stack stopped.");
    }

    private void say(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    private static String shortName(ServiceProcess service) {
        return service.service().module().replace("-service", "");
    }
}
