package dev.robust.trainer.testing;

import dev.robust.common.codec.CleanNoisyPairCodec;
import dev.robust.common.codec.LabeledImageCodec;
import dev.robust.common.dataset.Split;
import dev.robust.common.dataset.SyntheticSource;
import dev.robust.common.event.EpochRequested;
import dev.robust.common.event.Event;
import dev.robust.common.event.EventCodec;
import dev.robust.common.event.InvalidEventException;
import dev.robust.common.event.RecordKeys;
import dev.robust.common.image.CleanNoisyPair;
import dev.robust.common.image.LabeledImage;
import dev.robust.common.image.UInt8Image;
import dev.robust.common.topic.Topics;
import dev.robust.common.pairs.TrainPairsProtocol;
import dev.robust.service.messaging.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the augment-service's part of the run protocol in tests (services must not import each other): it puts
 * synthetic validation images on {@code cifar10.val} and answers every {@code EpochRequested} that appears after it
 * started with that epoch's pairs and the end-of-epoch marker. Its views are deliberately simple and only for
 * profiles whose crop is the whole 32×32 image (the ci profile): clean = the image, randomly mirrored; noisy = the
 * clean view plus pixel noise. (The real views live in imaging, which the Quarkus test class loader cannot share
 * with the service's own copy of common.)
 */
public final class AugmentStandIn implements AutoCloseable {
    private final KafkaClients kafka;
    private final SyntheticSource data;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private static final int SIDE = 32;
    private final AtomicInteger epochsServed = new AtomicInteger();
    private volatile boolean closed;
    private int lossFromEpoch = Integer.MAX_VALUE;
    private int lostPairs;
    private volatile long firstLossNanos;

    public AugmentStandIn(KafkaClients kafka, SyntheticSource data) {
        this.kafka = kafka;
        this.data = data;
        this.producer = kafka.producer();
        this.consumer = kafka.reader(KafkaClients.TEXT_KEYS, 100, true);
        this.thread = new Thread(this::serve, "augment-stand-in");
        this.thread.setDaemon(true);
    }

    /** Puts the data set's test split on {@code cifar10.val}, labelled as synthetic. */
    public void publishValidation() {
        data.read(Split.TEST, image -> producer.send(new ProducerRecord<>(Topics.CIFAR10_VAL, null,
                RecordKeys.datasetImage(image.index()), LabeledImageCodec.encode(image),
                List.of(new RecordHeader(Topics.HEADER_DATASET, SyntheticSource.LABEL.getBytes(StandardCharsets.UTF_8))))));
        producer.flush();
    }

    /**
     * Leaves out the last {@code pairs} pairs of every epoch from {@code fromEpoch} on, every time it is asked
     * (the marker still counts them): pairs lost for good, as retention deleting them unread would.
     */
    public AugmentStandIn losingPairs(int fromEpoch, int pairs) {
        this.lossFromEpoch = fromEpoch;
        this.lostPairs = pairs;
        return this;
    }

    /** {@link System#nanoTime} when the first copy with lost pairs was sent; 0 before. */
    public long firstLossNanos() {
        return firstLossNanos;
    }

    /** Starts answering requests published from now on. */
    public AugmentStandIn start() {
        List<TopicPartition> partitions = KafkaClients.awaitPartitions(consumer, Topics.RUNS, Duration.ofSeconds(30));
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread.start();
        return this;
    }

    public int epochsServed() {
        return epochsServed.get();
    }

    private void serve() {
        try {
            while (!closed) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    Event event;
                    try {
                        event = EventCodec.decode(record.headers(), record.value());
                    } catch (InvalidEventException e) {
                        continue;
                    }
                    if (event instanceof EpochRequested request) {
                        produceEpoch(request);
                    }
                }
            }
        } catch (WakeupException e) {
            // closed
        }
    }

    private void produceEpoch(EpochRequested request) {
        if (request.augmentation().crop() != SIDE || request.augmentation().resize() != SIDE) {
            throw new IllegalArgumentException("the stand-in makes 32x32 views only, got " + request.augmentation());
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < data.size(Split.TRAIN); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(request.seed() * 31 + request.epoch()));
        int count = Math.min(request.examples(), order.size());
        int partitions = producer.partitionsFor(Topics.TRAIN_PAIRS).size();
        int partition = TrainPairsProtocol.partitionFor(request.runId(), partitions);
        int sent = request.epoch() >= lossFromEpoch ? count - lostPairs : count;
        for (int position = 0; position < sent; position++) {
            LabeledImage image = data.image(Split.TRAIN, order.get(position));
            Random random = new Random(request.seed() * 1_000_003L + request.epoch() * 65_537L + image.index());
            UInt8Image clean = random.nextBoolean() ? mirrored(image.image()) : image.image();
            byte[] value = CleanNoisyPairCodec.encode(
                    new CleanNoisyPair(image.index(), image.label(), clean, noisy(clean, random)));
            send(partition, RecordKeys.trainPair(request.runId(), request.epoch(), position), value,
                    TrainPairsProtocol.pairHeaders(request.runId(), request.phase(), request.epoch()));
        }
        send(partition, TrainPairsProtocol.endOfEpochKey(request.runId(), request.epoch()),
                TrainPairsProtocol.encodePairCount(count),
                TrainPairsProtocol.endOfEpochHeaders(request.runId(), request.phase(), request.epoch()));
        producer.flush();
        if (sent < count && firstLossNanos == 0) firstLossNanos = System.nanoTime();
        epochsServed.incrementAndGet();
    }

    private static UInt8Image mirrored(UInt8Image image) {
        UInt8Image out = UInt8Image.zeros(image.height(), image.width(), image.channels());
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                for (int c = 0; c < image.channels(); c++) {
                    out.set(y, image.width() - 1 - x, c, image.get(y, x, c));
                }
            }
        }
        return out;
    }

    private static UInt8Image noisy(UInt8Image clean, Random random) {
        byte[] data = clean.data().clone();
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) Math.max(0, Math.min(255, (data[i] & 0xFF) + random.nextInt(49) - 24));
        }
        return new UInt8Image(clean.height(), clean.width(), clean.channels(), data);
    }

    private void send(int partition, String key, byte[] value, Map<String, byte[]> headers) {
        producer.send(new ProducerRecord<>(Topics.TRAIN_PAIRS, partition, key, value,
                headers.entrySet().stream()
                        .map(h -> (org.apache.kafka.common.header.Header) new RecordHeader(h.getKey(), h.getValue()))
                        .toList()));
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close();
    }
}
