package dev.robust.cli.run;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Restarts a service of the local stack that dies (killed, out of memory, crashed): after a back-off that doubles
 * from {@link #FIRST_BACK_OFF}, at most {@link #MAX_RESTARTS} times per service, each time with a line on the
 * terminal and in the stack's log. The services resume what they were doing from Kafka and the checkpoint store;
 * past the limit the supervisor gives up, and the stack reports the service as stopped.
 */
final class ServiceSupervisor implements AutoCloseable {
    static final int MAX_RESTARTS = 3;
    static final Duration FIRST_BACK_OFF = Duration.ofSeconds(2);
    private static final Duration CHECK = Duration.ofSeconds(1);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

    /** Starts a new process of a service, on the port and with the settings of the first one. */
    @FunctionalInterface
    interface Launcher {
        ServiceProcess launch(Service service) throws IOException;
    }

    private final Map<Service, ServiceProcess> services;
    private final Launcher launcher;
    private final Consumer<String> report;
    private final Map<Service, Integer> restarts = new EnumMap<>(Service.class);
    private final Map<Service, String> givenUp = new ConcurrentHashMap<>();
    private final Thread thread = new Thread(this::watch, "robust-supervisor");
    private volatile boolean closed;

    /**
     * @param services the stack's processes, which this replaces as it restarts them; guarded by itself
     * @param report   where a restart is told: the terminal and the stack's log
     */
    ServiceSupervisor(Map<Service, ServiceProcess> services, Launcher launcher, Consumer<String> report) {
        this.services = services;
        this.launcher = launcher;
        this.report = report;
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** The services it gave up on, each with the reason. */
    Optional<String> givenUp() {
        return givenUp.values().stream().findFirst();
    }

    /** True while a service is down and due to be restarted: a client should wait for it rather than fail. */
    boolean restarting() {
        return snapshot().stream().anyMatch(p -> !p.isAlive() && !givenUp.containsKey(p.service()));
    }

    private void watch() {
        try {
            while (!closed) {
                for (ServiceProcess process : snapshot()) {
                    if (closed) return;
                    if (!process.isAlive() && !givenUp.containsKey(process.service())) restart(process);
                }
                Thread.sleep(CHECK.toMillis());
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private void restart(ServiceProcess dead) throws InterruptedException {
        Service service = dead.service();
        int attempt = restarts.merge(service, 1, Integer::sum);
        String ended = service.module() + " exited (" + dead.exitDescription() + ")";
        if (attempt > MAX_RESTARTS) {
            givenUp.put(service, ended + " after " + MAX_RESTARTS + " restarts; not restarting it again. The end of "
                    + dead.log() + ":\n" + dead.logTail());
            report.accept(ended + " after " + MAX_RESTARTS + " restarts; not restarting it again (log " + dead.log()
                    + ")");
            return;
        }
        Duration backOff = FIRST_BACK_OFF.multipliedBy(1L << (attempt - 1));
        report.accept(ended + "; restarting it in " + backOff.toSeconds() + " s (restart " + attempt + " of "
                + MAX_RESTARTS + "; its log moves to " + LogRotation.numbered(dead.log(), 1).getFileName() + ")");
        Thread.sleep(backOff.toMillis());
        ServiceProcess fresh;
        try {
            fresh = launcher.launch(service);
        } catch (IOException e) {
            report.accept(service.module() + " could not be started again: " + e.getMessage());
            return;
        }
        synchronized (services) {
            if (closed) {
                fresh.stop();
                return;
            }
            services.put(service, fresh);
        }
        try {
            fresh.awaitReady(READY_TIMEOUT);
            report.accept(service.module() + " is back (" + fresh.baseUri() + ", log " + fresh.log() + ")");
        } catch (IOException e) {
            report.accept(service.module() + " did not come back: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private List<ServiceProcess> snapshot() {
        synchronized (services) {
            return List.copyOf(services.values());
        }
    }

    /** Stops watching; a restart under way is abandoned, and a process it started is stopped. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(CHECK.multipliedBy(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
