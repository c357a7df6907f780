package dev.robust.eval.metrics;

import dev.robust.common.event.ModelRole;
import dev.robust.eval.fixtures.Evaluations;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EvaluationGaugesTest {

    @Test
    void seriesStayBoundedAsCheckpointsAccumulateAndShowTheLatest() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EvaluationGauges gauges = new EvaluationGauges(registry);
        gauges.record(Evaluations.ok("run-a", ModelRole.TEACHER, 0, "fog", 5, 40, 100));
        gauges.record(Evaluations.ok("run-a", ModelRole.STUDENT, 0, "fog", 5, 45, 100));
        int afterOneCheckpointEach = registry.getMeters().size();

        for (int run = 0; run < 5; run++) {
            for (int epoch = 0; epoch < 10; epoch++) {
                for (ModelRole role : ModelRole.values()) {
                    gauges.record(Evaluations.ok("run-" + run, role, epoch, "fog", 5, 50 + epoch, 100));
                }
            }
        }

        assertEquals(afterOneCheckpointEach, registry.getMeters().size(),
                "50 more checkpoints per role add no series");
        assertEquals(0.59, registry.get(EvaluationGauges.TOP1).tags("role", "student", "corruption", "fog",
                "severity", "5").gauge().value(), 1e-9);
        assertEquals(9, registry.get(EvaluationGauges.EPOCH).tag("role", "teacher").gauge().value());
    }
}
