package dev.robust.cli.run;

import dev.robust.common.profile.RunProfile;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The options {@code robust run} and {@code robust up} share: what to run, on what data, and where. */
public final class StackOptions {
    /** Extra JVM options for every service, e.g. {@code -XX:ActiveProcessorCount=2}. */
    static final String SERVICE_JAVA_OPTS = "ROBUST_SERVICE_JAVA_OPTS";
    /**
     * The bearer token the services require on mutating requests when it is set (their
     * {@code robust.security.token}); they inherit it from this process's environment, and the CLI sends it.
     */
    static final String SECURITY_TOKEN = "ROBUST_SECURITY_TOKEN";

    @Option(names = "--profile", defaultValue = "quick", paramLabel = "quick|seed5|cpu-full|seed|ci",
            description = "Run profile (default: ${DEFAULT-VALUE}): quick = minutes on a CPU, seed5 = ResNet-20 on "
                    + "all images, 5 + 5 epochs (about 40 minutes on a CPU), cpu-full = the claim test, up to 30 + 40 "
                    + "epochs scored on the full sets (hours), seed = the reference recipe for a GPU, ci = the "
                    + "tests' tiny one.")
    String profile;

    @Option(names = "--dataset", paramLabel = "<spec>",
            description = "cifar10:<dir|tar.gz>, imagefolder:<dir|tar.gz> or synthetic[:N]. Default: CIFAR-10 from "
                    + "./data (cifar-10-batches-bin/ or cifar-10-binary.tar.gz), downloaded there when online, "
                    + "otherwise synthetic images.")
    String dataset;

    @Option(names = "--cifar10c", defaultValue = DatasetChoice.GENERATE, paramLabel = "generate|<dir>",
            description = "CIFAR-10-C: generate it from the test images (default) or read a directory of the "
                    + "released .npy files.")
    String cifar10c;

    @Option(names = "--engine", paramLabel = "<name>",
            description = "Deep-learning engine that trains the run: dl4j or torch (default: the profile's; quick: torch, "
                    + "seed and ci: dl4j).")
    String engine;

    @Option(names = "--set", paramLabel = "<key>=<value>",
            description = "Change one setting of the profile for this stack's runs (repeatable), e.g. "
                    + "--set engine.precision=bf16 (the keys of common/src/main/resources/profiles/<profile>.properties).")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--out", paramLabel = "<dir>",
            description = "Directory for the broker's data, logs, checkpoints and the report "
                    + "(default: runs/<date>-<time>).")
    Path out;

    /** The profile with the {@code --set} settings applied (an unknown setting fails here, naming it). */
    RunProfile runProfile() {
        return RunProfile.named(profile).withOverrides(settings);
    }

    /** The {@code --set} settings, which a run request carries as its overrides. */
    Map<String, Object> overrides() {
        return Map.copyOf(settings);
    }

    /** The output directory, chosen once: the default carries the time of the first call. */
    Path outDir() {
        if (out == null) {
            out = Path.of("runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        }
        return out.toAbsolutePath().normalize();
    }

    /** The token to send with mutating requests, or null when none is configured. */
    static String securityToken() {
        String token = System.getenv(SECURITY_TOKEN);
        return token == null || token.isBlank() ? null : token.trim();
    }

    static List<String> serviceJvmOptions() {
        String options = System.getenv(SERVICE_JAVA_OPTS);
        return options == null || options.isBlank() ? List.of() : Arrays.asList(options.trim().split("\\s+"));
    }
}
