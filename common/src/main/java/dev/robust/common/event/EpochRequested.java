package dev.robust.common.event;

/**
 * The trainer asks the augment-service for the pairs of one epoch. Augmentation is a pure function of
 * ({@code seed}, {@code epoch}, index), so a request repeated after a crash yields the same pairs.
 * {@code lookAhead} is how many epochs beyond the one being trained the trainer may have requested; the
 * augment-service uses it to bound how far ahead it produces.
 */
public record EpochRequested(String runId, ModelRole phase, int epoch, long seed, int examples,
                             AugmentationConfig augmentation, int lookAhead) implements RunEvent {
}
