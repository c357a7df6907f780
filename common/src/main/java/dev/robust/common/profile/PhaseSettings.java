package dev.robust.common.profile;

/**
 * The schedule of one training phase (teacher or student).
 *
 * @param epochs                     the most epochs the phase trains (early stopping may end it sooner)
 * @param plateauMonitor             metric ReduceLROnPlateau watches
 * @param plateauPatience            epochs without improvement before the learning rate drops
 * @param plateauFactor              what the learning rate is multiplied by then
 * @param earlyStoppingMonitor       metric early stopping watches
 * @param earlyStoppingPatience      epochs without improvement before the phase stops
 * @param earlyStoppingRestoresBest  whether a stopped phase goes back to its best epoch's weights
 */
public record PhaseSettings(int epochs, Monitor plateauMonitor, int plateauPatience, double plateauFactor,
                            Monitor earlyStoppingMonitor, int earlyStoppingPatience, boolean earlyStoppingRestoresBest) {
}
