package dev.robust.cli.run;

import dev.robust.common.profile.RunProfile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * One arm of a study: a name and the profile overrides that make it (data in {@code study/arms.properties}, not code
 * branches), run once per seed.
 */
record StudyArm(String name, Map<String, String> overrides) {
    private static final String RESOURCE = "study/arms.properties";

    StudyArm {
        overrides = Map.copyOf(overrides);
    }

    /** The arms as shipped, in their order. */
    static List<StudyArm> shipped() {
        Properties properties = new Properties();
        try (InputStream in = StudyArm.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the class path");
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        List<StudyArm> arms = new ArrayList<>();
        for (String name : Arrays.stream(properties.getProperty("arms", "").split(",")).map(String::trim).toList()) {
            Map<String, String> overrides = new TreeMap<>();
            properties.stringPropertyNames().stream().filter(key -> key.startsWith(name + "."))
                    .forEach(key -> overrides.put(key.substring(name.length() + 1), properties.getProperty(key).trim()));
            arms.add(new StudyArm(name, overrides));
        }
        return arms;
    }

    /** The overrides of this arm's run with {@code seed}. */
    Map<String, Object> overridesWithSeed(long seed) {
        Map<String, Object> all = new LinkedHashMap<>(overrides);
        all.put("seed", seed);
        return all;
    }

    /** Fails before anything starts when an override does not fit {@code profile} (unknown key, bad value). */
    void check(RunProfile profile) {
        profile.withOverrides(overrides);
    }
}
