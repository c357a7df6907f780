package dev.robust.common.codec;

import dev.robust.common.BadInputException;

/** A binary record could not be decoded: the message says which field is wrong and what was expected. */
public class CodecException extends BadInputException {
    public CodecException(String message) {
        super(message);
    }
}
