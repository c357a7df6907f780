package dev.robust.bench;

/** A bench option that is missing, malformed or out of range; the message names it and what was expected. */
public final class BenchUsageException extends RuntimeException {
    public BenchUsageException(String message) {
        super(message);
    }
}
