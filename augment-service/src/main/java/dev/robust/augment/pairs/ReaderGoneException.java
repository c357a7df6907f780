package dev.robust.augment.pairs;

/**
 * A run's pairs are no longer wanted: the run ended, or its reader stopped reading. The epoch is given up without
 * failing the run — a trainer that comes back asks for it again.
 */
public class ReaderGoneException extends RuntimeException {
    public ReaderGoneException(String message) {
        super(message);
    }
}
