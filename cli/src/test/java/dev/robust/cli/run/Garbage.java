package dev.robust.cli.run;

import dev.robust.common.codec.CleanNoisyPairCodec;
import dev.robust.common.codec.LabeledImageCodec;
import dev.robust.common.event.CloudEventHeaders;
import dev.robust.common.event.EventType;
import dev.robust.common.event.ModelRole;
import dev.robust.common.image.CleanNoisyPair;
import dev.robust.common.image.LabeledImage;
import dev.robust.common.image.UInt8Image;
import dev.robust.common.topic.Topics;
import dev.robust.common.pairs.TrainPairsProtocol;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.function.IntFunction;

/**
 * Writes records no consumer can use, three per topic: random bytes, a record whose magic (for events: CloudEvents
 * spec version) is wrong, and a valid record cut in half. Each is remembered by where it landed, which is what a
 * dead letter names in its {@code dlq-original-*} headers.
 */
final class Garbage implements AutoCloseable {
    /** Where one garbage record landed. */
    record Injected(String topic, int partition, long offset, String kind) {
        String origin() {
            return topic + "/" + partition + "/" + offset;
        }
    }

    private static final int SIDE = 32;

    private final KafkaProducer<String, byte[]> producer;
    private final Random random = new Random(20261128);

    Garbage(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * On a labelled-image topic. Two of the keys are those of real images ({@code imageKey(1)},
     * {@code imageKey(2)}), so the garbage sits where a consumer looks for an image; the third is no image key.
     */
    List<Injected> images(String topic, IntFunction<String> imageKey) {
        byte[] valid = LabeledImageCodec.encode(new LabeledImage(1, 3, UInt8Image.zeros(SIDE, SIDE, 3)));
        return List.of(
                send(topic, null, "garbage", randomBytes(), Map.of(), "random bytes"),
                send(topic, null, imageKey.apply(1), wrongMagic(valid), Map.of(), "wrong magic"),
                send(topic, null, imageKey.apply(2), Arrays.copyOf(valid, valid.length / 2), Map.of(), "truncated"));
    }

    /** On {@code train.pairs}, in the run's partition with the run's headers for ({@code phase}, {@code epoch}). */
    List<Injected> pairs(String runId, ModelRole phase, int epoch, int partition) {
        UInt8Image view = UInt8Image.zeros(SIDE, SIDE, 3);
        byte[] valid = CleanNoisyPairCodec.encode(new CleanNoisyPair(0, 3, view, view));
        Map<String, byte[]> headers = TrainPairsProtocol.pairHeaders(runId, phase, epoch);
        String key = runId + "/" + epoch + "/";
        return List.of(
                send(Topics.TRAIN_PAIRS, partition, key + "garbage", randomBytes(), headers, "random bytes"),
                send(Topics.TRAIN_PAIRS, partition, key + "0", wrongMagic(valid), headers, "wrong magic"),
                send(Topics.TRAIN_PAIRS, partition, key + "1", Arrays.copyOf(valid, valid.length / 2), headers,
                        "truncated"));
    }

    /** On an event topic: no CloudEvents headers at all, a wrong spec version, a valid event type cut short. */
    List<Injected> events(String topic, EventType type, String key) {
        Map<String, byte[]> headers = CloudEventHeaders.create(type, "/robust-drill").toHeaders();
        Map<String, byte[]> wrongVersion = new LinkedHashMap<>(headers);
        wrongVersion.put(CloudEventHeaders.SPEC_VERSION, "0.3".getBytes(StandardCharsets.UTF_8));
        byte[] cut = "{\"run_id\":\"drill-garbage\",\"prof".getBytes(StandardCharsets.UTF_8);
        return List.of(
                send(topic, null, key, randomBytes(), Map.of(), "random bytes"),
                send(topic, null, key, "{}".getBytes(StandardCharsets.UTF_8), wrongVersion, "wrong magic"),
                send(topic, null, key, cut, headers, "truncated"));
    }

    private Injected send(String topic, Integer partition, String key, byte[] value, Map<String, byte[]> headers,
                          String kind) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, partition, key, value);
        headers.forEach((name, bytes) -> record.headers().add(name, bytes));
        try {
            RecordMetadata written = producer.send(record).get();
            return new Injected(topic, written.partition(), written.offset(), kind);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing garbage to " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot write garbage to " + topic + ": " + e.getCause(), e);
        }
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[64];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] wrongMagic(byte[] valid) {
        byte[] bytes = valid.clone();
        System.arraycopy("JUNK".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 4);
        return bytes;
    }

    @Override
    public void close() {
        producer.close();
    }
}
