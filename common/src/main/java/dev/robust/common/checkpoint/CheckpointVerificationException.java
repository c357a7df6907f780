package dev.robust.common.checkpoint;

/**
 * A checkpoint a claim check points at is missing, or its bytes are not the ones the claim check promises. The
 * consumer must not load it.
 */
public class CheckpointVerificationException extends CheckpointStoreException {
    public CheckpointVerificationException(String message) {
        super(message);
    }
}
