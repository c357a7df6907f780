package dev.robust.eval.scoring;

import dev.robust.common.BadInputException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageKeyTest {
    @Test
    void readsSeverityAndIndexOfCorruptedImageKeys() {
        assertEquals(new ImageKey(5, 123), ImageKey.corrupted(bytes("5/123")));
        assertEquals(new ImageKey(ImageKey.CLEAN_SEVERITY, 9_999), ImageKey.clean(bytes("9999")));
    }

    @Test
    void rejectsKeysThatNameNoImage() {
        for (String key : List.of("123", "6/1", "0/1", "x/1", "5/", "5/-1", "5/abc")) {
            BadInputException e = assertThrows(BadInputException.class, () -> ImageKey.corrupted(bytes(key)));
            assertTrue(e.getMessage().contains(key.isEmpty() ? "key" : key), e.getMessage());
        }
        assertThrows(BadInputException.class, () -> ImageKey.clean(null));
        assertThrows(BadInputException.class, () -> ImageKey.clean(bytes("1/2")));
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
