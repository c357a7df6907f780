package dev.robust.common.process;

import java.time.Duration;
import java.util.Optional;

/**
 * Ends this JVM when the process that started it is gone. {@code robust run}/{@code up} start the services as child
 * processes and stop them on exit, but a parent killed with SIGKILL runs no shutdown hook, and the operating system
 * does not end a child with its parent: without this, the services would go on running, holding their ports and
 * the broker's consumer groups. The parent names itself with the system property {@value #PROPERTY}; a service
 * started any other way (docker-compose, Kubernetes, dev mode) has no such property and is not watched.
 *
 * <p>When the parent exits, this JVM exits with {@link #EXIT_CODE} through {@link System#exit}, so shutdown hooks
 * (Quarkus' orderly shutdown: Kafka clients closed, the trainer's run handed back) still run; if they have not
 * finished after {@code grace}, the JVM halts.
 */
public final class ParentWatch {
    /** System property holding the pid of the process whose exit ends this one. */
    public static final String PROPERTY = "robust.parent-pid";
    /** Exit status when the parent is gone (128 + SIGHUP, what a shell's hang-up would give). */
    public static final int EXIT_CODE = 129;
    /** How long the orderly shutdown may take before the JVM halts. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);

    private static final System.Logger LOG = System.getLogger(ParentWatch.class.getName());

    private ParentWatch() {
    }

    /**
     * Watches the parent named by {@value #PROPERTY}, if any.
     *
     * @return the pid watched, or empty when the property is not set
     * @throws IllegalArgumentException when the property is set but is not a pid
     */
    public static Optional<Long> startFromSystemProperty() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) return Optional.empty();
        long pid;
        try {
            pid = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + PROPERTY + " must be a process id, got '"
                    + value + "'", e);
        }
        watch(pid, DEFAULT_GRACE);
        return Optional.of(pid);
    }

    /** Exits this JVM once process {@code pid} has ended (at once if it already has). */
    public static void watch(long pid, Duration grace) {
        Optional<ProcessHandle> parent = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (parent.isEmpty()) {
            exit(pid, grace);
            return;
        }
        parent.get().onExit().thenRun(() -> exit(pid, grace));
    }

    private static void exit(long pid, Duration grace) {
        LOG.log(System.Logger.Level.WARNING, "parent process {0} is gone; shutting down (exit code {1})",
                Long.toString(pid), EXIT_CODE);
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(grace.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            Runtime.getRuntime().halt(EXIT_CODE);
        }, "parent-watch-halt");
        halt.setDaemon(true);
        halt.start();
        // System.exit blocks until the shutdown hooks are done: not on the thread that completed onExit().
        Thread exit = new Thread(() -> System.exit(EXIT_CODE), "parent-watch-exit");
        exit.start();
    }
}
