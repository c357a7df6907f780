package dev.robust.eval.scoring;

import dev.robust.common.corruption.Corruption;

import java.util.List;
import java.util.OptionalInt;

/**
 * What every checkpoint is scored on: which corruptions at which severities, how many images at most per slice,
 * and how many per forward pass.
 */
public record ScoringPlan(List<Corruption> corruptions, List<Integer> severities, OptionalInt cleanImages,
                          OptionalInt imagesPerSeverity, int batchSize) {

    public ScoringPlan {
        corruptions = List.copyOf(corruptions);
        severities = severities.stream().distinct().sorted().toList();
        for (int severity : severities) {
            if (severity < Corruption.MIN_SEVERITY || severity > Corruption.MAX_SEVERITY) {
                throw new IllegalArgumentException("severity must be 1..5, got " + severity);
            }
        }
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        requirePositive("clean-image cap", cleanImages);
        requirePositive("images-per-severity cap", imagesPerSeverity);
    }

    /** Parses the corruption list of the configuration: {@code all} or corruption ids. */
    public static List<Corruption> corruptions(List<String> ids) {
        if (ids.size() == 1 && "all".equals(ids.get(0))) return Corruption.all();
        return ids.stream().map(String::trim).map(Corruption::fromId).toList();
    }

    private static void requirePositive(String what, OptionalInt cap) {
        if (cap.isPresent() && cap.getAsInt() < 1) {
            throw new IllegalArgumentException(what + " must be >= 1 when set, got " + cap.getAsInt());
        }
    }
}
