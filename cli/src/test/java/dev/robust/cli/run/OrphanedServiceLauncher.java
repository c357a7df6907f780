package dev.robust.cli.run;

import dev.robust.common.profile.RunProfile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A stand-in for {@code robust up} in a JVM of its own: starts one packaged service the way the CLI does
 * ({@link ServiceProcess#launch}, which passes this JVM's pid), says which process it is, and waits to be killed.
 * Arguments: service name (enum constant), bootstrap servers, output directory.
 */
public final class OrphanedServiceLauncher {
    private OrphanedServiceLauncher() {
    }

    public static void main(String[] args) throws Exception {
        Service service = Service.valueOf(args[0]);
        String bootstrapServers = args[1];
        Path outDir = Path.of(args[2]);
        int port = LocalPorts.any();
        StackConfig config = new StackConfig(outDir, outDir, RunProfile.named("ci"), List.of());
        ServiceProcess process = ServiceProcess.launch(service, ProjectLayout.detect().runner(service), port,
                List.of(), config.properties(service, port, bootstrapServers), config.environment(bootstrapServers),
                outDir, config.logDir().resolve(service.module() + ".log"));
        long pid = ProcessHandle.current().children().findFirst().orElseThrow().pid();
        process.awaitReady(Duration.ofMinutes(3));
        System.out.println("ready " + pid + " " + process.log());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
