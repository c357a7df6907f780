package dev.robust.cli.run;

import dev.robust.kafka.embedded.SingleNodeSettings;
import dev.robust.kafka.embedded.StandaloneBroker;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The whole product on this machine: an Apache Kafka broker in this JVM and the three services as child processes.
 * A service that dies is restarted ({@link ServiceSupervisor}). Closing the stack (or a shutdown hook on Ctrl-C)
 * stops the services, then the broker, so nothing is left running.
 */
public final class LocalStack implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

    /** The stack's own log, next to the services': supervision lines, with their time. */
    static final String LOG = "robust.log";

    private final StandaloneBroker broker;
    /** Replaced by the supervisor as it restarts services; guarded by itself. */
    private final Map<Service, ServiceProcess> services;
    private final PrintWriter out;
    private final Path log;
    private final Thread stopOnExit = new Thread(this::stop, "robust-stack-shutdown");
    private volatile ServiceSupervisor supervisor;
    private boolean stopped;

    private LocalStack(StandaloneBroker broker, Map<Service, ServiceProcess> services, PrintWriter out, Path log) {
        this.broker = broker;
        this.services = services;
        this.out = out;
        this.log = log;
    }

    /** Starts the broker and the services, and returns once every service reports ready. */
    public static LocalStack start(ProjectLayout layout, StackConfig config, PrintWriter out)
            throws IOException, InterruptedException {
        return start(layout, config, out, EnumSet.allOf(Service.class));
    }

    /** Starts the broker and only {@code which} of the services ({@code robust bench} needs the augment-service). */
    public static LocalStack start(ProjectLayout layout, StackConfig config, PrintWriter out, Set<Service> which)
            throws IOException, InterruptedException {
        Map<Service, Path> runners = new EnumMap<>(Service.class);
        for (Service service : which) runners.put(service, layout.runner(service));

        int kafkaPort = LocalPorts.preferred(StandaloneBroker.DEFAULT_PORT);
        StandaloneBroker broker = StandaloneBroker.start(kafkaPort, config.kafkaDir(), SingleNodeSettings.defaults());
        String bootstrap = broker.bootstrapServers();
        out.println("kafka      " + bootstrap + " (data " + config.kafkaDir() + ")");
        out.flush();

        Map<Service, ServiceProcess> services = new EnumMap<>(Service.class);
        LocalStack stack = new LocalStack(broker, services, out, config.logDir().resolve(LOG));
        Runtime.getRuntime().addShutdownHook(stack.stopOnExit);
        try {
            Map<Service, Integer> ports = new EnumMap<>(Service.class);
            for (Service service : runners.keySet()) ports.put(service, LocalPorts.preferred(service.preferredPort()));
            ServiceSupervisor.Launcher launcher = service -> ServiceProcess.launch(service, runners.get(service),
                    ports.get(service), config.jvmOptions(), config.properties(service, ports.get(service), bootstrap),
                    config.environment(bootstrap), config.outDir(), config.logDir().resolve(service.module() + ".log"));
            for (Service service : runners.keySet()) {
                ServiceProcess process = launcher.launch(service);
                synchronized (services) {
                    services.put(service, process);
                }
            }
            // The three boot in parallel; waiting in turn costs nothing extra.
            for (ServiceProcess service : stack.processes()) {
                service.awaitReady(READY_TIMEOUT);
                out.printf("%-10s %s (log %s)%n", shortName(service), service.baseUri(), service.log());
                out.flush();
            }
            stack.supervise(launcher);
        } catch (IOException | InterruptedException | RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    private synchronized void supervise(ServiceSupervisor.Launcher launcher) {
        if (stopped) return;
        supervisor = new ServiceSupervisor(services, launcher, this::report);
        supervisor.start();
    }

    private List<ServiceProcess> processes() {
        synchronized (services) {
            return List.copyOf(services.values());
        }
    }

    /** A line on the terminal and, with its time, in {@value #LOG}. */
    private void report(String line) {
        say(line);
        try {
            Files.writeString(log, Instant.now() + " " + line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            say("(cannot write " + log + ": " + e.getMessage() + ")");
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public URI uri(Service service) {
        synchronized (services) {
            return services.get(service).baseUri();
        }
    }

    /**
     * Fails with the end of its log when a service has died for good (the supervisor gave up on it), so a run does
     * not wait for it forever. A service that is being restarted does not count.
     */
    public void requireRunning() throws IOException {
        ServiceSupervisor watching = supervisor;
        if (watching == null) {
            for (ServiceProcess service : processes()) {
                if (!service.isAlive()) {
                    throw new IOException(service.service().module() + " stopped unexpectedly; the end of "
                            + service.log() + ":\n" + service.logTail());
                }
            }
            return;
        }
        Optional<String> gone = watching.givenUp();
        if (gone.isPresent()) throw new IOException(gone.get());
    }

    /** True while a service is down and about to be restarted: its clients should wait, not fail. */
    public boolean restarting() {
        ServiceSupervisor watching = supervisor;
        return watching != null && watching.restarting();
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
        if (supervisor != null) supervisor.close();
        // Services first, in parallel (each may take its grace period), so none of them sees the broker vanish.
        List<ServiceProcess> running = processes().stream().filter(ServiceProcess::isAlive).toList();
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
