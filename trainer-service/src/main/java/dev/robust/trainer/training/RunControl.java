package dev.robust.trainer.training;

/** How the world outside a run in progress watches it and stops it. */
public interface RunControl {

    /** Called between batches; throws {@link RunStoppedException} when the run must stop now. */
    void checkContinue();

    /** Called after every batch with the run's position. */
    void onProgress(RunProgress progress);
}
