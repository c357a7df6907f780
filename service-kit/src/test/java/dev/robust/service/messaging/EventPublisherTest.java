package dev.robust.service.messaging;

import dev.robust.common.event.CloudEventHeaders;
import dev.robust.common.event.EventCodec;
import dev.robust.common.event.RunStarted;
import dev.robust.common.topic.RecordHeaders;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventPublisherTest {

    @Test
    void anEventIsPublishedAsACloudEventFromTheServiceAndReadsBack() {
        MockProducer<String, byte[]> broker = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer());
        RunStarted started = new RunStarted("r1", "ci", "cifar10", 7L);

        new EventPublisher(broker, "/trainer-service").publish(started);

        ProducerRecord<String, byte[]> sent = broker.history().get(0);
        assertEquals("runs", sent.topic());
        assertEquals("r1", sent.key());
        assertEquals("/trainer-service", RecordHeaders.text(sent.headers(), CloudEventHeaders.SOURCE));
        assertEquals(started, EventCodec.decode(sent.headers(), sent.value()));
    }

    @Test
    void aSendTheBrokerRefusesFailsTheCallerNamingKeyAndTopic() {
        MockProducer<String, byte[]> failing = new MockProducer<>(false, null, new StringSerializer(),
                new ByteArraySerializer());
        Thread failLater = new Thread(() -> {
            while (failing.history().isEmpty()) Thread.onSpinWait();
            failing.errorNext(new RuntimeException("broker gone"));
        });
        failLater.start();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> EventPublisher.sendAwaited(failing,
                new ProducerRecord<>("cifar10.val.dlq", "7", new byte[] {1})));
        assertTrue(e.getMessage().contains("7 to cifar10.val.dlq") && e.getMessage().contains("broker gone"),
                e.getMessage());
    }
}
