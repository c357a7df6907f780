package dev.robust.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReduceLrOnPlateauTest {

    @Test
    void reducesAfterPatienceEpochsWithoutImprovementAndCountsAgain() {
        var plateau = new ReduceLrOnPlateau(MetricDirection.LOWER_IS_BETTER, 0.1, 3);
        double lr = 1e-3;
        lr = plateau.onEpochEnd(1.0, lr);
        lr = plateau.onEpochEnd(1.0, lr);
        lr = plateau.onEpochEnd(1.1, lr);
        assertEquals(1e-3, lr, 1e-12);
        lr = plateau.onEpochEnd(1.05, lr);
        assertEquals(1e-4, lr, 1e-12);
        lr = plateau.onEpochEnd(1.0, lr);
        lr = plateau.onEpochEnd(1.0, lr);
        assertEquals(1e-4, lr, 1e-12);
        lr = plateau.onEpochEnd(1.0, lr);
        assertEquals(1e-5, lr, 1e-12);
    }

    @Test
    void anImprovementResetsTheCount() {
        var plateau = new ReduceLrOnPlateau(MetricDirection.HIGHER_IS_BETTER, 0.5, 3);
        double lr = 1e-3;
        lr = plateau.onEpochEnd(0.50, lr);
        lr = plateau.onEpochEnd(0.49, lr);
        lr = plateau.onEpochEnd(0.48, lr);
        lr = plateau.onEpochEnd(0.60, lr);
        lr = plateau.onEpochEnd(0.59, lr);
        lr = plateau.onEpochEnd(0.58, lr);
        assertEquals(1e-3, lr, 1e-12);
        assertEquals(5e-4, plateau.onEpochEnd(0.57, lr), 1e-12);
    }

    @Test
    void improvementsSmallerThanMinDeltaDoNotCount() {
        var plateau = new ReduceLrOnPlateau(MetricDirection.LOWER_IS_BETTER, 0.1, 2);
        double lr = plateau.onEpochEnd(1.0, 1.0);
        lr = plateau.onEpochEnd(1.0 - 5e-5, lr);
        assertEquals(0.1, plateau.onEpochEnd(1.0 - 9e-5, lr), 1e-12);
    }

    @Test
    void neverGoesBelowTheMinimumRate() {
        var plateau = new ReduceLrOnPlateau(MetricDirection.LOWER_IS_BETTER, 0.1, 1, 0, 1e-4);
        double lr = plateau.onEpochEnd(1.0, 1e-3);
        lr = plateau.onEpochEnd(2.0, lr);
        lr = plateau.onEpochEnd(2.0, lr);
        assertEquals(1e-4, lr, 1e-12);
    }
}
