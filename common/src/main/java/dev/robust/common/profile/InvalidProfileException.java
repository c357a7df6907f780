package dev.robust.common.profile;

import dev.robust.common.InvalidFieldException;

/**
 * A profile name, override key or override value is not valid; {@link #field()} is {@code profile} for an unknown
 * profile, otherwise the setting's key, e.g. {@code train.batch-size}.
 */
public class InvalidProfileException extends InvalidFieldException {
    public InvalidProfileException(String field, String message) {
        super(field, message);
    }
}
