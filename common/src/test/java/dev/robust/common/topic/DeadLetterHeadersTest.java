package dev.robust.common.topic;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DeadLetterHeadersTest {
    @Test
    void describesWhereTheRecordCameFromAndWhyItWasRejected() {
        Map<String, byte[]> headers = DeadLetterHeaders.describing("cifar10.train", 2, 41L,
                new IllegalArgumentException("bad magic"), "augment-service");

        assertEquals(List.of(DeadLetterHeaders.REASON, DeadLetterHeaders.EXCEPTION, DeadLetterHeaders.ORIGINAL_TOPIC,
                DeadLetterHeaders.ORIGINAL_PARTITION, DeadLetterHeaders.ORIGINAL_OFFSET, DeadLetterHeaders.CONSUMER),
                List.copyOf(headers.keySet()));
        assertEquals("bad magic", text(headers, DeadLetterHeaders.REASON));
        assertEquals(IllegalArgumentException.class.getName(), text(headers, DeadLetterHeaders.EXCEPTION));
        assertEquals("cifar10.train", text(headers, DeadLetterHeaders.ORIGINAL_TOPIC));
        assertEquals("2", text(headers, DeadLetterHeaders.ORIGINAL_PARTITION));
        assertEquals("41", text(headers, DeadLetterHeaders.ORIGINAL_OFFSET));
        assertEquals("augment-service", text(headers, DeadLetterHeaders.CONSUMER));
    }

    private static String text(Map<String, byte[]> headers, String name) {
        return new String(headers.get(name), StandardCharsets.UTF_8);
    }
}
