package dev.robust.trainer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Every setting of the trainer-service ({@code robust.trainer.*} in application.properties or the environment). */
@ConfigMapping(prefix = "robust.trainer")
public interface TrainerConfig {

    /** The engine that builds and trains models, by {@code Engine.name()}. */
    @WithDefault("dl4j")
    String engine();

    /**
     * The checkpoint store, the eval-service's too: a directory (a shared volume when the eval-service runs
     * elsewhere), {@code file:/<dir>}, or {@code s3://<bucket>/<prefix>[?endpoint=…&path-style=true&region=…]}.
     */
    @WithDefault("checkpoints")
    String checkpointStore();

    /** How many epochs beyond the one in training the trainer may have requested from the augment-service. */
    @WithDefault("2")
    int lookAhead();

    /** Pair batches decoded ahead of the training step; bounds the memory the pair stream holds. */
    @WithDefault("4")
    int batchesInMemory();

    /**
     * A run fails (instead of hanging) when no record of its pairs arrives for this long while it waits for an epoch:
     * after half of it the epoch is asked for once more (a lost request), after the other half the run fails.
     */
    @WithDefault("PT1M")
    Duration pairsTimeout();

    /**
     * How long {@code cifar10.val} may stand still (no new record) while a run waits for its validation images:
     * then the run validates on what the topic holds, or fails at once when it holds none (nothing ingested).
     */
    @WithDefault("PT10S")
    Duration validationTimeout();

    /** How often run ends that did not reach the broker (it was down) are published again. */
    @WithDefault("PT15S")
    Duration outcomeRetry();

    /** The consumer group that shares run requests among trainer replicas. */
    @WithDefault("trainer-service")
    String groupId();

    /** This replica's name in run views; defaults to the host name. */
    Optional<String> instanceId();
}
