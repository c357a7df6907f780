package dev.robust.eval.streams;

/** The evaluation table cannot be read yet (start-up or restore); answered with 503 and a retry hint. */
public class TableNotReadyException extends RuntimeException {
    public TableNotReadyException(String message, Throwable cause) {
        super(message, cause);
    }
}
