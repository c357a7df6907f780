package dev.robust.trainer.training;

/**
 * A run stops before it ends because someone else decided so: it was cancelled (the cancellation is already on
 * the {@code runs} topic) or its request was handed to another replica, which will resume it. Neither is a failure
 * of the run, so nothing more is published.
 */
public class RunStoppedException extends RuntimeException {
    public RunStoppedException(String message) {
        super(message);
    }
}
