package dev.robust.common;

/**
 * Input the user supplied (a file, a record, a spec) is not what it should be. The message names the input and
 * the problem so that it can be shown as is, without a stack trace; subclasses say which kind of input failed.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
