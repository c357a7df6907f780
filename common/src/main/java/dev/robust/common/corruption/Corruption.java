package dev.robust.common.corruption;

import dev.robust.common.BadInputException;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The 19 CIFAR-10-C corruptions (Hendrycks &amp; Dietterich), in the order of the released data set. {@link #id()}
 * is the released file stem ({@code <id>.npy}) and the suffix of the {@code cifar10c.<id>} topic.
 */
public enum Corruption {
    GAUSSIAN_NOISE,
    SHOT_NOISE,
    IMPULSE_NOISE,
    DEFOCUS_BLUR,
    GLASS_BLUR,
    MOTION_BLUR,
    ZOOM_BLUR,
    SNOW,
    FROST,
    FOG,
    BRIGHTNESS,
    CONTRAST,
    ELASTIC_TRANSFORM,
    PIXELATE,
    JPEG_COMPRESSION,
    SPECKLE_NOISE,
    GAUSSIAN_BLUR,
    SPATTER,
    SATURATE;

    /** Severities are 1 (mildest) to 5 (strongest). */
    public static final int MIN_SEVERITY = 1;
    public static final int MAX_SEVERITY = 5;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static List<Corruption> all() {
        return List.of(values());
    }

    /**
     * The 15 corruptions of the benchmark proper (Hendrycks &amp; Dietterich's main set, which RobustBench's
     * common-corruptions leaderboard averages): all but the four they released as extra, held-out corruptions
     * (speckle noise, Gaussian blur, spatter, saturate), which come last in the released order.
     */
    public static List<Corruption> benchmark() {
        return List.of(values()).subList(0, SPECKLE_NOISE.ordinal());
    }

    /** Whether this is one of the {@link #benchmark()} corruptions. */
    public boolean inBenchmark() {
        return ordinal() < SPECKLE_NOISE.ordinal();
    }

    /** Parses a released name such as {@code gaussian_noise}; unknown names are listed against the valid ones. */
    public static Corruption fromId(String id) {
        for (Corruption c : values()) {
            if (c.id().equals(id)) return c;
        }
        throw new BadInputException("unknown corruption '" + id + "'; valid names: "
                + Arrays.stream(values()).map(Corruption::id).collect(Collectors.joining(", ")));
    }
}
