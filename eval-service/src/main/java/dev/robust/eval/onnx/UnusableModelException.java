package dev.robust.eval.onnx;

import dev.robust.common.InvalidFieldException;

/** A submitted model this service cannot score: not ONNX, an operator ONNX Runtime lacks, the wrong shapes. */
public class UnusableModelException extends InvalidFieldException {
    public UnusableModelException(String field, String message) {
        super(field, message);
    }
}
