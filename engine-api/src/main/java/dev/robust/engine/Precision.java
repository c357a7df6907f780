package dev.robust.engine;

import java.util.Arrays;
import java.util.Locale;

/**
 * The number format convolutions and matrix products run in. Master weights, optimiser state and the loss stay
 * FP32 whatever is chosen; {@link #BF16} is autocast of the dot products only, on CPUs that have bf16 instructions.
 */
public enum Precision {
    FP32,
    BF16;

    /** The name in profiles and on the command line: {@code fp32}, {@code bf16}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The precision called {@code id}; null when there is none (callers name the setting in their error). */
    public static Precision fromId(String id) {
        return Arrays.stream(values()).filter(p -> p.id().equals(id)).findFirst().orElse(null);
    }

    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(Precision::id).toList());
    }
}
