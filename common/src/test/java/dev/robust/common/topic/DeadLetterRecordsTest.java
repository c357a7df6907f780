package dev.robust.common.topic;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DeadLetterRecordsTest {
    private final ConsumerRecord<String, byte[]> rejected = rejectedRecord();

    @Test
    void letterKeepsKeyValueAndHeadersAndSaysWhereItCameFrom() {
        ProducerRecord<String, byte[]> letter = DeadLetterRecords.of(rejected, "7", new IllegalStateException("junk"),
                "trainer-service");

        assertEquals("cifar10.val.dlq", letter.topic());
        assertEquals("7", letter.key());
        assertArrayEquals(new byte[] {1, 2, 3}, letter.value());
        assertEquals("kept", text(letter, "origin"));
        assertEquals("junk", text(letter, DeadLetterHeaders.REASON));
        assertEquals("cifar10.val", text(letter, DeadLetterHeaders.ORIGINAL_TOPIC));
        assertEquals("3", text(letter, DeadLetterHeaders.ORIGINAL_PARTITION));
        assertEquals("99", text(letter, DeadLetterHeaders.ORIGINAL_OFFSET));
        assertEquals("trainer-service", text(letter, DeadLetterHeaders.CONSUMER));
    }

    private static ConsumerRecord<String, byte[]> rejectedRecord() {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("cifar10.val", 3, 99L, "7", new byte[] {1, 2, 3});
        record.headers().add("origin", "kept".getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static String text(ProducerRecord<String, byte[]> letter, String header) {
        return new String(letter.headers().lastHeader(header).value(), StandardCharsets.UTF_8);
    }
}
