package dev.robust.eval.scoring;

import dev.robust.common.BadInputException;

/** A record decoded fine but its image cannot be fed to the model (wrong shape); it goes to the dead-letter topic. */
public class UnscorableImageException extends BadInputException {
    public UnscorableImageException(String message) {
        super(message);
    }
}
