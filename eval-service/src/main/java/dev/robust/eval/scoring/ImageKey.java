package dev.robust.eval.scoring;

import dev.robust.common.BadInputException;
import dev.robust.common.corruption.Corruption;

import java.nio.charset.StandardCharsets;

/**
 * The identity of an image record as its key states it (see {@code RecordKeys}): the clean test set keys by
 * dataset index ({@code 123}, severity 0 here), CIFAR-10-C topics by severity and index ({@code 5/123}).
 */
record ImageKey(int severity, long index) {
    static final int CLEAN_SEVERITY = 0;

    static ImageKey clean(byte[] key) {
        return new ImageKey(CLEAN_SEVERITY, index(text(key), key));
    }

    static ImageKey corrupted(byte[] key) {
        String text = text(key);
        int slash = text.indexOf('/');
        if (slash < 0) throw new BadInputException("corrupted-image key '" + text + "' is not severity/index");
        int severity;
        try {
            severity = Integer.parseInt(text.substring(0, slash));
        } catch (NumberFormatException e) {
            throw new BadInputException("corrupted-image key '" + text + "' has a non-numeric severity");
        }
        if (severity < Corruption.MIN_SEVERITY || severity > Corruption.MAX_SEVERITY) {
            throw new BadInputException("corrupted-image key '" + text + "' has severity " + severity
                    + ", expected 1..5");
        }
        return new ImageKey(severity, index(text.substring(slash + 1), key));
    }

    private static long index(String text, byte[] key) {
        try {
            long index = Long.parseLong(text);
            if (index < 0 || index > Integer.MAX_VALUE) throw new NumberFormatException();
            return index;
        } catch (NumberFormatException e) {
            throw new BadInputException("image key '" + text(key) + "' has no valid index (expected 0.."
                    + Integer.MAX_VALUE + ")");
        }
    }

    private static String text(byte[] key) {
        if (key == null) throw new BadInputException("image record has no key");
        return new String(key, StandardCharsets.UTF_8);
    }
}
