package dev.robust.trainer.testing;

import dev.robust.trainer.config.TrainerConfig;

import java.time.Duration;
import java.util.Optional;

/** The service's configuration with another checkpoint store, for tests that drive a run directly. */
public record TrainerConfigWithStore(TrainerConfig base, String checkpointStore) implements TrainerConfig {
    @Override
    public String engine() {
        return base.engine();
    }

    @Override
    public int lookAhead() {
        return base.lookAhead();
    }

    @Override
    public int batchesInMemory() {
        return base.batchesInMemory();
    }

    @Override
    public Duration pairsTimeout() {
        return base.pairsTimeout();
    }

    @Override
    public Duration validationTimeout() {
        return base.validationTimeout();
    }

    @Override
    public Duration outcomeRetry() {
        return base.outcomeRetry();
    }

    @Override
    public String groupId() {
        return base.groupId();
    }

    @Override
    public Optional<String> instanceId() {
        return base.instanceId();
    }
}
