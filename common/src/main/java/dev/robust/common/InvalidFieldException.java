package dev.robust.common;

/**
 * A field of a request (a JSON field, a setting's key) whose value cannot be served; {@link #field()} names it, and
 * a service answers 400 naming it.
 */
public class InvalidFieldException extends BadInputException {
    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
