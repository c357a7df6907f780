package dev.robust.trainer.pairs;

import dev.robust.common.event.AugmentationConfig;
import dev.robust.common.event.EpochRequested;
import dev.robust.common.event.ModelRole;
import dev.robust.service.messaging.EventPublisher;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Asks the augment-service for epochs ahead of training: before epoch {@code e} is trained, every epoch up to
 * {@code e + lookAhead} (but not past the phase's last) has been requested, so augmentation overlaps training
 * without flooding the broker.
 */
public final class EpochRequests {
    private final EventPublisher publisher;
    private final String runId;
    private final int examples;
    private final AugmentationConfig augmentation;
    private final int lookAhead;
    private final Map<ModelRole, Integer> highestRequested = new EnumMap<>(ModelRole.class);
    private final Map<ModelRole, Long> seeds = new EnumMap<>(ModelRole.class);

    public EpochRequests(EventPublisher publisher, String runId, int examples, AugmentationConfig augmentation,
                         int lookAhead) {
        if (lookAhead < 0) throw new IllegalArgumentException("look-ahead must not be negative, got " + lookAhead);
        this.publisher = publisher;
        this.runId = runId;
        this.examples = examples;
        this.augmentation = augmentation;
        this.lookAhead = lookAhead;
    }

    /**
     * Requests what is missing of {@code epoch .. min(epoch + lookAhead, lastEpoch)} in {@code phase}.
     *
     * @param seed the phase's augmentation seed
     */
    public void ensureRequested(ModelRole phase, long seed, int epoch, int lastEpoch) {
        int from = Math.max(epoch, highestRequested.getOrDefault(phase, -1) + 1);
        int to = Math.min(epoch + lookAhead, lastEpoch);
        seeds.put(phase, seed);
        for (int e = from; e <= to; e++) {
            publisher.publish(new EpochRequested(runId, phase, e, seed, examples, augmentation, lookAhead));
            highestRequested.put(phase, e);
        }
    }

    /**
     * Requests {@code epoch} of {@code phase} once more (its pairs were lost) and, when {@code andLaterOnes}, every
     * later epoch of the phase requested so far; returns the epochs requested. The augment-service serves them after
     * what it already has queued for the run.
     */
    public List<Integer> requestAgain(ModelRole phase, int epoch, boolean andLaterOnes) {
        Long seed = seeds.get(phase);
        if (seed == null) {
            throw new IllegalStateException(phase.id() + " epoch " + epoch + " of run " + runId + " was never requested");
        }
        int to = andLaterOnes ? Math.max(epoch, highestRequested.get(phase)) : epoch;
        List<Integer> epochs = new ArrayList<>();
        for (int e = epoch; e <= to; e++) {
            publisher.publish(new EpochRequested(runId, phase, e, seed, examples, augmentation, lookAhead));
            epochs.add(e);
        }
        return epochs;
    }
}
