package dev.robust.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/** The three Quarkus services, with what the deployment files must agree with: module directory and HTTP port. */
enum ServiceModule {
    AUGMENT("augment-service"),
    TRAINER("trainer-service"),
    EVAL("eval-service");

    private final String name;

    ServiceModule(String name) {
        this.name = name;
    }

    /** The module directory, the compose service, the Deployment, the Service and the image are all named so. */
    String serviceName() {
        return name;
    }

    /** The compose variable that moves the service's published host port, e.g. {@code AUGMENT_HOST_PORT}. */
    String hostPortVariable() {
        return name.substring(0, name.indexOf('-')).toUpperCase(Locale.ROOT) + "_HOST_PORT";
    }

    /** The Quarkus JVM Dockerfile every image is built from (the Quarkus project convention). */
    Path dockerfile() {
        return RepositoryFiles.existing(name + "/src/main/docker/Dockerfile.jvm");
    }

    /** What {@code ./mvnw package} leaves for the Dockerfile to copy. */
    Path quarkusRunner() {
        return RepositoryFiles.root().resolve(name + "/target/quarkus-app/quarkus-run.jar");
    }

    /** {@code quarkus.http.port} of the service's application.properties: the port it listens on in a container. */
    int httpPort() {
        Path file = RepositoryFiles.existing(name + "/src/main/resources/application.properties");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String port = properties.getProperty("quarkus.http.port", "8080");
        try {
            return Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(file + ": quarkus.http.port must be a number, found '" + port + "'", e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
