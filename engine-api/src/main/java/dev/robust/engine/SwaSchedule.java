package dev.robust.engine;

/**
 * When stochastic weight averaging takes a snapshot: at optimiser step {@code startStep} and every
 * {@code everySteps} steps after it (steps counted from 0 over the whole training).
 */
public record SwaSchedule(long startStep, long everySteps) {

    public SwaSchedule {
        if (startStep < 0 || everySteps < 1) {
            throw new IllegalArgumentException(
                    "SWA needs startStep >= 0 and everySteps >= 1, got " + startStep + " and " + everySteps);
        }
    }

    public boolean snapshotAt(long step) {
        return step >= startStep && (step - startStep) % everySteps == 0;
    }
}
