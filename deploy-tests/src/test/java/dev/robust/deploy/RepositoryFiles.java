package dev.robust.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository the deployment files belong to, as the build passes it in ({@code robust.repository.root}). */
final class RepositoryFiles {
    private static final String ROOT_PROPERTY = "robust.repository.root";

    private RepositoryFiles() {
    }

    static Path root() {
        String root = System.getProperty(ROOT_PROPERTY);
        if (root == null) {
            throw new IllegalStateException("system property " + ROOT_PROPERTY
                    + " is not set; run the tests through Maven (./mvnw -pl deploy-tests test)");
        }
        return Path.of(root).toAbsolutePath().normalize();
    }

    /** A file or directory below the root that must exist. */
    static Path existing(String relative) {
        Path path = root().resolve(relative);
        if (!Files.exists(path)) {
            throw new IllegalStateException("expected " + relative + " under " + root() + ", but it is missing");
        }
        return path;
    }

    /** The project version, as the build passes it in ({@code robust.version}). */
    static String projectVersion() {
        return requiredProperty("robust.version");
    }

    /** The Apache Kafka version the build uses ({@code kafka.version} of the root pom). */
    static String kafkaVersion() {
        return requiredProperty("robust.kafka.version");
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set; run the tests through Maven");
        }
        return value;
    }
}
