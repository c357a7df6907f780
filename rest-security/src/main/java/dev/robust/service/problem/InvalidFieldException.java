package dev.robust.service.problem;

/** A request field whose value cannot be served; answered 400 naming {@link #field()}. */
public class InvalidFieldException extends RuntimeException {
    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
