package dev.robust.common.event;

import dev.robust.common.BadInputException;

/** A received event's headers or JSON body could not be read; the message says which and why. */
public class InvalidEventException extends BadInputException {
    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
