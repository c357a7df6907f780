package dev.robust.common.profile;

import dev.robust.common.BadInputException;

/** A profile name, override key or override value is not valid; {@link #field()} names the culprit. */
public class InvalidProfileException extends BadInputException {
    private final String field;

    public InvalidProfileException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** {@code profile} for an unknown profile, otherwise the setting's key, e.g. {@code train.batch-size}. */
    public String field() {
        return field;
    }
}
