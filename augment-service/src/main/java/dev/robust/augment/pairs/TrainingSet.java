package dev.robust.augment.pairs;

import dev.robust.augment.config.AugmentSettings;
import dev.robust.service.messaging.DeadLetterPublisher;
import dev.robust.augment.messaging.TopicReader;
import dev.robust.common.codec.CodecException;
import dev.robust.common.codec.LabeledImageCodec;
import dev.robust.common.image.LabeledImage;
import dev.robust.common.topic.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;

/**
 * The training images epoch generation draws from: {@code cifar10.train} held in memory as a table keyed by dataset
 * index (the last record per key wins, so a re-ingest never doubles an image; a tombstone removes it). Every
 * replica holds the whole table, since any replica may be asked for any run's epochs. Each request first reads
 * only what was appended since the previous one. A malformed record goes to {@code cifar10.train.dlq} once.
 */
@ApplicationScoped
public class TrainingSet {
    private static final Duration RETRY = Duration.ofMillis(500);

    private final TopicReader reader;
    private final DeadLetterPublisher deadLetters;
    private final Duration readTimeout;
    private final TreeMap<Long, LabeledImage> images = new TreeMap<>();
    private Map<Integer, Long> readUpTo = Map.of();

    TrainingSet(TopicReader reader, DeadLetterPublisher deadLetters, AugmentSettings settings) {
        this.reader = reader;
        this.deadLetters = deadLetters;
        this.readTimeout = settings.ingest().readTimeout();
    }

    /**
     * The images in index order once the topic holds at least {@code examples} of them; waits up to {@code wait}
     * for an ingest still under way, then fails saying how many there are.
     */
    public synchronized List<LabeledImage> atLeast(int examples, Duration wait)
            throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            readUpTo = reader.readFrom(Topics.CIFAR10_TRAIN, readUpTo, readTimeout, this::apply);
            if (images.size() >= examples) return List.copyOf(images.values());
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(Topics.CIFAR10_TRAIN + " holds " + images.size()
                        + " images, the epoch asks for " + examples + " (waited " + wait + ")");
            }
            Thread.sleep(RETRY.toMillis());
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        try {
            if (record.key() == null) throw new CodecException("record has no key (expected the dataset index)");
            long index = Long.parseLong(record.key());
            if (record.value() == null) {
                images.remove(index);
                return;
            }
            LabeledImage image = LabeledImageCodec.decode(record.value());
            if (image.index() != index) {
                throw new CodecException("key " + index + " but the image says index " + image.index());
            }
            images.put(index, image);
        } catch (CodecException | NumberFormatException e) {
            deadLetters.reject(record, e);
        }
    }
}
