package dev.robust.trainer.training;

import dev.robust.common.event.EpochMetrics;
import dev.robust.common.event.ModelRole;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TrainingMetricsTest {

    private static double gauge(SimpleMeterRegistry registry, String name, String role) {
        return registry.get(name).tag("role", role).gauge().value();
    }

    @Test
    void followsThePhaseInTrainingAndClearsItWhenTheRunEnds() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TrainingMetrics metrics = new TrainingMetrics(registry);
        int series = registry.getMeters().size();

        metrics.runStarted();
        metrics.phaseStarted(ModelRole.TEACHER);
        metrics.progress(ModelRole.TEACHER, 2, 30, 120.5);
        metrics.epochDone(ModelRole.TEACHER, new EpochMetrics(1.5, 0.4, 1.7, 0.35, 0.01, 120.5, Map.of()));
        metrics.pairsWaited(Duration.ofMillis(250));
        assertEquals(1, registry.get("robust.trainer.runs.training").gauge().value());
        assertEquals(1, gauge(registry, "robust.trainer.phase", "teacher"));
        assertEquals(0, gauge(registry, "robust.trainer.phase", "student"));
        assertEquals(2, gauge(registry, "robust.trainer.epoch", "teacher"));
        assertEquals(30, gauge(registry, "robust.trainer.step", "teacher"));
        assertEquals(0.35, gauge(registry, "robust.trainer.val.accuracy", "teacher"));
        assertEquals(Double.NaN, gauge(registry, "robust.trainer.val.accuracy", "student"));
        assertEquals(0.25, registry.get("robust.trainer.pairs.wait").timer().totalTime(TimeUnit.SECONDS), 1e-9);

        metrics.phaseStarted(ModelRole.STUDENT);
        assertEquals(0, gauge(registry, "robust.trainer.phase", "teacher"));
        metrics.runEnded("finished");
        assertEquals(0, registry.get("robust.trainer.runs.training").gauge().value());
        assertEquals(0, gauge(registry, "robust.trainer.phase", "student"));
        assertEquals(1, registry.get("robust.trainer.runs.ended").tag("outcome", "finished").counter().count());
        assertEquals(series + 1, registry.getMeters().size(), "only the outcome counter was added");
    }
}
