package dev.robust.common.checkpoint;

/** The checkpoint store cannot do what was asked: its root is unusable, or a write or read failed. */
public class CheckpointStoreException extends RuntimeException {
    public CheckpointStoreException(String message) {
        super(message);
    }

    public CheckpointStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
