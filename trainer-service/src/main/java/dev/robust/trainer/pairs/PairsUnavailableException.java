package dev.robust.trainer.pairs;

/** The pairs of an epoch did not arrive, or arrived in a shape the run cannot use. */
public class PairsUnavailableException extends RuntimeException {
    public PairsUnavailableException(String message) {
        super(message);
    }

    public PairsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
