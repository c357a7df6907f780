package dev.robust.augment.health;

import dev.robust.augment.pairs.RunsAssignment;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the {@code runs} consumer has joined its group: before that, epoch requests would be missed. */
@Readiness
@ApplicationScoped
public class RunsConsumerReadiness implements HealthCheck {
    public static final String NAME = "augment-service runs consumer joined";

    private final RunsAssignment assignment;

    RunsConsumerReadiness(@Identifier(RunsAssignment.NAME) RunsAssignment assignment) {
        this.assignment = assignment;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME).status(assignment.joined()).build();
    }
}
