package dev.robust.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * docker-compose.yml as one project run by one compose tool, the way an operator runs it from the repository root,
 * with the ci profile's scoring scope and every published port moved to a port that was free a moment before.
 */
final class ComposeProject {
    private static final String KAFKA_HOST_PORT = "KAFKA_HOST_PORT";

    private final List<String> tool;
    private final String name;
    private final Map<String, String> environment = new LinkedHashMap<>();

    ComposeProject(List<String> tool, String name, String profile) {
        this.tool = List.copyOf(tool);
        this.name = name;
        environment.put("ROBUST_PROFILE", profile);
        // The defaults, whatever the calling shell holds: loopback only, no token, no other tag.
        environment.put("ROBUST_BIND_ADDRESS", "");
        environment.put("ROBUST_SECURITY_TOKEN", "");
        environment.put("ROBUST_VERSION", RepositoryFiles.projectVersion());
        environment.put(KAFKA_HOST_PORT, Integer.toString(freePort()));
        for (ServiceModule service : ServiceModule.values()) {
            environment.put(service.hostPortVariable(), Integer.toString(freePort()));
        }
    }

    /** {@code docker-compose} is compose v1, {@code docker compose} the v2 plugin. */
    String toolName() {
        return String.join(" ", tool);
    }

    /** The service's HTTP port on the host (127.0.0.1). */
    int hostPort(ServiceModule service) {
        return Integer.parseInt(environment.get(service.hostPortVariable()));
    }

    /** {@code <tool> -p <name> -f docker-compose.yml <arguments>}; a non-zero exit fails with the tool's output. */
    String run(Duration timeout, String... arguments) {
        List<String> command = new ArrayList<>(tool);
        command.addAll(List.of("-p", name, "-f", ComposeFile.MAIN));
        command.addAll(List.of(arguments));
        ExternalCommand.Result result = ExternalCommand.run(command, RepositoryFiles.root(), environment, timeout);
        if (!result.succeeded()) {
            throw new AssertionError(String.join(" ", command) + " exited with " + result.exitCode() + ":\n"
                    + tail(result.output()));
        }
        return result.output();
    }

    /** Like {@link #run}, for clean-up and diagnostics: never throws, returns the output or why there is none. */
    String runQuietly(Duration timeout, String... arguments) {
        try {
            return run(timeout, arguments);
        } catch (AssertionError | IllegalStateException e) {
            return e.getMessage();
        }
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on the loopback interface", e);
        }
    }
}
