package dev.robust.cli.run;

import dev.robust.common.BadInputException;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the services' runnable applications are: {@code <root>/<service>/target/quarkus-app/quarkus-run.jar}, the
 * layout {@code ./mvnw package} leaves. The root is the {@code robust.home} system property (the {@code ./robust}
 * script sets it), or else found from this class's location, {@code <root>/cli/target/{classes|robust-cli.jar}}.
 */
public record ProjectLayout(Path root) {
    public static final String HOME_PROPERTY = "robust.home";

    public static ProjectLayout detect() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null && !home.isBlank()) return new ProjectLayout(Path.of(home).toAbsolutePath().normalize());
        try {
            Path codeSource = Path.of(ProjectLayout.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new ProjectLayout(codeSource.toAbsolutePath().getParent().getParent().getParent());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot tell where the project is; set -D" + HOME_PROPERTY, e);
        }
    }

    /** The service's {@code quarkus-run.jar}, which must exist. */
    public Path runner(Service service) {
        Path jar = root.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new BadInputException(jar + ": missing; build the services first with ./mvnw -pl "
                    + service.module() + " -am package -DskipTests (./robust does it for you)");
        }
        return jar;
    }
}
