package dev.robust.kafka.embedded.testing;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Proves a broker works end to end: produces one record and reads it back from the offset it was written at.
 * Tests use it to check that whatever Kafka settings they were given reach a live broker.
 */
public final class RecordRoundTrip {
    private RecordRoundTrip() {
    }

    /**
     * Sends {@code value} under {@code key} to {@code topic} and returns the record read back.
     *
     * @param clientConfig at least {@code bootstrap.servers}; serializer settings are replaced by String ones
     */
    public static ConsumerRecord<String, String> sendAndReceive(Map<String, Object> clientConfig, String topic,
                                                                String key, String value, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, Object> producerConfig = new HashMap<>(clientConfig);
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        long offset;
        int partition;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
            var metadata = producer.send(new ProducerRecord<>(topic, key, value))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            offset = metadata.offset();
            partition = metadata.partition();
        }

        Map<String, Object> consumerConfig = new HashMap<>(clientConfig);
        consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig)) {
            // Assign and seek rather than subscribe: no group join, so no rebalance to wait for.
            TopicPartition tp = new TopicPartition(topic, partition);
            consumer.assign(List.of(tp));
            consumer.seek(tp, offset);
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == offset) return record;
                }
            }
        }
        throw new TimeoutException("record written to " + topic + "-" + partition + " at offset " + offset
                + " was not read back within " + timeout);
    }
}
