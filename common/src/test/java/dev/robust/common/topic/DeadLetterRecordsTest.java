package dev.robust.common.topic;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void sendIsAwaitedAndAFailedSendFailsTheCaller() {
        MockProducer<String, byte[]> broker = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer());
        DeadLetterRecords.sendAwaited(broker, DeadLetterRecords.of(rejected, "7", new RuntimeException("x"), "eval"));
        assertEquals(1, broker.history().size());

        MockProducer<String, byte[]> failing = new MockProducer<>(false, null, new StringSerializer(),
                new ByteArraySerializer());
        Thread failLater = new Thread(() -> {
            while (failing.history().isEmpty()) Thread.onSpinWait();
            failing.errorNext(new RuntimeException("broker gone"));
        });
        failLater.start();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> DeadLetterRecords.sendAwaited(
                failing, DeadLetterRecords.of(rejected, "7", new RuntimeException("x"), "eval")));
        assertTrue(e.getMessage().contains("cifar10.val.dlq") && e.getMessage().contains("broker gone"), e.getMessage());
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
