package dev.robust.trainer.pairs;

import dev.robust.common.event.AugmentationConfig;
import dev.robust.common.event.EpochRequested;
import dev.robust.common.event.ModelRole;
import dev.robust.trainer.kafka.EventPublisher;

import java.util.EnumMap;
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
        for (int e = from; e <= to; e++) {
            publisher.publish(new EpochRequested(runId, phase, e, seed, examples, augmentation, lookAhead));
            highestRequested.put(phase, e);
        }
    }
}
