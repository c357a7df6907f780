package dev.robust.cli.run;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The three services of the stack, with the port each uses when it is free (the ports of their
 * application.properties, so URLs stay familiar) and the memory caps their JVMs get.
 *
 * <p>DL4J's tensors live off the heap, where JavaCPP bounds them with {@code org.bytedeco.javacpp.maxbytes}
 * (default: the heap maximum) and, on the whole process, {@code maxphysicalbytes} (default: far above both); ND4J
 * frees such memory only when the garbage collector has collected the arrays' Java wrappers. So a big heap buys a
 * service nothing but a bigger footprint: the trainer with a 2 GB heap peaked at 4.3–4.9 GB resident in a quick
 * run. The caps below keep it within the 3 GB the quick profile is meant to fit in, and JavaCPP collects garbage
 * before it goes past them (see docs/benchmarks.md, trainer-service). Options given later on the command line win:
 * {@code ROBUST_SERVICE_JAVA_OPTS} (every service), then {@code ROBUST_<SERVICE>_JAVA_OPTS} (e.g.
 * {@code ROBUST_TRAINER_JAVA_OPTS=-Xmx4g -Dorg.bytedeco.javacpp.maxphysicalbytes=10g} for the seed profile).
 */
public enum Service {
    AUGMENT("augment-service", 8081, List.of("-Xmx1g")),
    TRAINER("trainer-service", 8082, List.of("-Xmx1g",
            "-Dorg.bytedeco.javacpp.maxbytes=1g", "-Dorg.bytedeco.javacpp.maxphysicalbytes=2800m")),
    EVAL("eval-service", 8083, List.of("-Xmx1g",
            "-Dorg.bytedeco.javacpp.maxbytes=1g", "-Dorg.bytedeco.javacpp.maxphysicalbytes=2g"));

    private final String module;
    private final int preferredPort;
    private final List<String> memoryOptions;

    Service(String module, int preferredPort, List<String> memoryOptions) {
        this.module = module;
        this.preferredPort = preferredPort;
        this.memoryOptions = memoryOptions;
    }

    /** The Maven module, which is also the service's name in logs and messages. */
    public String module() {
        return module;
    }

    public int preferredPort() {
        return preferredPort;
    }

    /** Heap and off-heap caps: the first JVM options of the service, so any later option overrides them. */
    List<String> memoryOptions() {
        return memoryOptions;
    }

    /** {@code ROBUST_AUGMENT_JAVA_OPTS}, {@code ROBUST_TRAINER_JAVA_OPTS} or {@code ROBUST_EVAL_JAVA_OPTS}. */
    String javaOptsVariable() {
        return "ROBUST_" + name().toUpperCase(Locale.ROOT) + "_JAVA_OPTS";
    }

    /** This service's own extra JVM options from {@code environment}; the last on its command line. */
    List<String> ownJvmOptions(Map<String, String> environment) {
        String options = environment.get(javaOptsVariable());
        return options == null || options.isBlank() ? List.of() : Arrays.asList(options.trim().split("\\s+"));
    }
}
