package dev.robust.cli.run;

/**
 * The three services of the stack, with the port each uses when it is free (the ports of their
 * application.properties, so URLs stay familiar) and the heap it gets. DL4J keeps tensors off the heap, within a
 * limit derived from the heap size, so these bound a service's whole footprint on a shared machine.
 */
public enum Service {
    AUGMENT("augment-service", 8081, "1g"),
    TRAINER("trainer-service", 8082, "2g"),
    EVAL("eval-service", 8083, "1g");

    private final String module;
    private final int preferredPort;
    private final String heap;

    Service(String module, int preferredPort, String heap) {
        this.module = module;
        this.preferredPort = preferredPort;
        this.heap = heap;
    }

    /** The Maven module, which is also the service's name in logs and messages. */
    public String module() {
        return module;
    }

    public int preferredPort() {
        return preferredPort;
    }

    String heap() {
        return heap;
    }
}
