package dev.robust.eval.scoring;

import dev.robust.common.corruption.Corruption;
import dev.robust.common.event.CheckpointCreated;

import java.util.List;
import java.util.OptionalInt;

/**
 * What every checkpoint is scored on: which corruptions at which severities, how many images at most per slice,
 * and how many per forward pass. Epoch checkpoints (one per trained epoch, to follow a run) may be scored on fewer
 * images per slice than the models a run ends with (raw and SWA teacher, final student), whose scores are the
 * answer; they are scored on the same slices, so a checkpoint of either kind is complete when every slice is.
 */
public record ScoringPlan(List<Corruption> corruptions, List<Integer> severities, OptionalInt cleanImages,
                          OptionalInt imagesPerSeverity, OptionalInt epochCleanImages,
                          OptionalInt epochImagesPerSeverity, int batchSize) {

    /** A plan that scores epoch checkpoints on as many images as the final models. */
    public ScoringPlan(List<Corruption> corruptions, List<Integer> severities, OptionalInt cleanImages,
                       OptionalInt imagesPerSeverity, int batchSize) {
        this(corruptions, severities, cleanImages, imagesPerSeverity, cleanImages, imagesPerSeverity, batchSize);
    }

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
        requirePositive("epoch clean-image cap", epochCleanImages);
        requirePositive("epoch images-per-severity cap", epochImagesPerSeverity);
    }

    /** At most this many clean test images for {@code checkpoint}; empty = all of them. */
    public OptionalInt cleanImages(CheckpointCreated checkpoint) {
        return checkpoint.epochCheckpoint() ? epochCleanImages : cleanImages;
    }

    /** At most this many images per corruption and severity for {@code checkpoint}; empty = all of them. */
    public OptionalInt imagesPerSeverity(CheckpointCreated checkpoint) {
        return checkpoint.epochCheckpoint() ? epochImagesPerSeverity : imagesPerSeverity;
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
