package dev.robust.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this project that a process runs, as Maven wrote it into common's {@code version.properties} at
 * build time: what a claim check's provenance and a report name, the same in every service and the CLI.
 */
public final class ProjectVersion {
    private static final String RESOURCE = "dev/robust/common/version.properties";
    private static final String CURRENT = read();

    private ProjectVersion() {
    }

    /** E.g. {@code 0.1.0-SNAPSHOT}. */
    public static String current() {
        return CURRENT;
    }

    private static String read() {
        try (InputStream in = ProjectVersion.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from common's jar");
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "");
            // An unfiltered copy (a build that skipped resource processing) must not pass for a version.
            if (version.isBlank() || version.startsWith("${")) {
                throw new IllegalStateException(RESOURCE + " holds no version ('" + version + "'): build common "
                        + "with Maven, which fills it in");
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
