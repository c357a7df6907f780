package dev.robust.eval.live;

/** Every live-stream slot is taken; the client may retry later. */
public class TooManyClientsException extends RuntimeException {
    public TooManyClientsException(int limit) {
        super("all " + limit + " live evaluation streams are in use; retry later");
    }
}
