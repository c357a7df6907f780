package dev.robust.eval.health;

import dev.robust.eval.messaging.CheckpointConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness fails when the checkpoint consumer has stopped (its log says why): a restart is the cure, and until
 * then no checkpoint would be scored.
 */
@Liveness
@ApplicationScoped
public class CheckpointConsumerCheck implements HealthCheck {
    private final CheckpointConsumer consumer;

    CheckpointConsumerCheck(CheckpointConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("checkpoint consumer").status(consumer.alive()).build();
    }
}
