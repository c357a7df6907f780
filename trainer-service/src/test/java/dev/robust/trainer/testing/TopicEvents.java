package dev.robust.trainer.testing;

import dev.robust.common.event.Event;
import dev.robust.common.event.EventCodec;
import dev.robust.service.messaging.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every event on a topic right now, decoded, in partition order: what the tests check the trainer published. */
public final class TopicEvents {
    private TopicEvents() {
    }

    public static <T extends Event> List<T> read(KafkaClients kafka, String topic, Class<T> type) {
        List<T> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = kafka.reader(KafkaClients.TEXT_KEYS, 500, true)) {
            List<TopicPartition> partitions = KafkaClients.awaitPartitions(consumer, topic, Duration.ofSeconds(30));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Event event = EventCodec.decode(record.headers(), record.value());
                    if (type.isInstance(event)) {
                        events.add(type.cast(event));
                    }
                }
            }
        }
        return events;
    }
}
