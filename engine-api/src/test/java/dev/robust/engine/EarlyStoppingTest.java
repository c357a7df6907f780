package dev.robust.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

    @Test
    void stopsAfterPatienceEpochsWithoutImprovementAndSignalsRestoreOfTheBestEpoch() {
        var stopping = new EarlyStopping(MetricDirection.HIGHER_IS_BETTER, 2, 0, true);
        assertTrue(stopping.onEpochEnd(0, 0.40).improved());
        assertTrue(stopping.onEpochEnd(1, 0.55).improved());
        EarlyStopping.Decision first = stopping.onEpochEnd(2, 0.50);
        assertFalse(first.improved());
        assertFalse(first.stop());
        EarlyStopping.Decision second = stopping.onEpochEnd(3, 0.55);
        assertTrue(second.stop(), "an equal value is no improvement with min delta 0");
        assertTrue(second.restoreBest());
        assertEquals(1, second.bestEpoch());
        assertEquals(0.55, second.bestMetric(), 0);
    }

    @Test
    void withoutRestoreBestItOnlyStops() {
        var stopping = new EarlyStopping(MetricDirection.LOWER_IS_BETTER, 1, 0, false);
        stopping.onEpochEnd(0, 1.0);
        EarlyStopping.Decision decision = stopping.onEpochEnd(1, 1.2);
        assertTrue(decision.stop());
        assertFalse(decision.restoreBest());
    }

    @Test
    void keepsGoingWhileTheLossFalls() {
        var stopping = new EarlyStopping(MetricDirection.LOWER_IS_BETTER, 1, 0, true);
        for (int epoch = 0; epoch < 5; epoch++) {
            assertFalse(stopping.onEpochEnd(epoch, 1.0 / (epoch + 1)).stop());
        }
    }
}
