package dev.robust.trainer.training;

import dev.robust.common.codec.CodecException;
import dev.robust.common.codec.LabeledImageCodec;
import dev.robust.common.image.EvalView;
import dev.robust.common.image.LabeledImage;
import dev.robust.common.image.UInt8Image;
import dev.robust.common.topic.Topics;
import dev.robust.engine.Batch;
import dev.robust.engine.Logits;
import dev.robust.engine.Model;
import dev.robust.service.messaging.KafkaClients;
import dev.robust.common.topic.RecordHeaders;
import dev.robust.service.messaging.DeadLetterPublisher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The validation images of a run, read once from {@code cifar10.val} and held in memory in the eval view at the
 * model's input size. Records are deduplicated by key (a re-ingest repeats them); the images with the lowest
 * indices are used, so every run of the same profile validates on the same images. A record that is not a labelled
 * image goes to {@code cifar10.val.dlq} (each time a run reads the topic) and the rest are used.
 */
public final class ValidationSet {
    private static final Logger LOG = Logger.getLogger(ValidationSet.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final byte[] pixels;
    private final int[] labels;
    private final int size;
    private final String datasetLabel;

    /** What a model scores on the validation images. */
    public record Score(double loss, double accuracy) {
    }

    ValidationSet(byte[] pixels, int[] labels, int size, String datasetLabel) {
        this.pixels = pixels;
        this.labels = labels;
        this.size = size;
        this.datasetLabel = datasetLabel;
    }

    /**
     * Reads up to {@code examples} images. While the topic holds fewer, waits for more as long as it grows (an
     * ingest still writing it); once it has stood still for {@code standStill}, validates on what it holds.
     *
     * @param checkContinue called between reads; throws to stop the read (a cancelled run)
     * @throws IllegalStateException when the topic does not exist or holds no image: the data is not ingested
     */
    public static ValidationSet read(KafkaClients kafka, DeadLetterPublisher deadLetters, int examples, int size, Duration standStill,
                                     Runnable checkContinue) {
        Map<Long, LabeledImage> images = new TreeMap<>();
        String dataset = null;
        try (KafkaConsumer<String, byte[]> consumer = kafka.reader(KafkaClients.TEXT_KEYS, 1000, true)) {
            List<TopicPartition> partitions = KafkaClients.awaitPartitions(consumer, Topics.CIFAR10_VAL, standStill);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> seenEnd = Map.of();
            long grewAt = System.nanoTime();
            while (true) {
                checkContinue.run();
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                if (!end.equals(seenEnd)) {
                    seenEnd = end;
                    grewAt = System.nanoTime();
                }
                while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                    checkContinue.run();
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                        LabeledImage image;
                        try {
                            image = LabeledImageCodec.decode(record.value());
                        } catch (CodecException e) {
                            deadLetters.reject(record, e);
                            continue;
                        }
                        images.put(image.index(), image);
                        String label = RecordHeaders.text(record.headers(), Topics.HEADER_DATASET);
                        dataset = label != null ? label : dataset;
                    }
                }
                if (images.size() >= examples || System.nanoTime() - grewAt > standStill.toNanos()) {
                    break;
                }
                sleep();
            }
        }
        if (images.isEmpty()) {
            throw new IllegalStateException("topic " + Topics.CIFAR10_VAL + " holds no validation images (nothing "
                    + "new for " + standStill.toSeconds() + " s); ingest a data set first (POST /datasets on the "
                    + "augment-service; robust run does it)");
        }
        if (images.size() < examples) {
            LOG.warnf("%s holds %d images, fewer than the %d the profile asks for; validating on those",
                    Topics.CIFAR10_VAL, images.size(), examples);
        }
        return fromImages(images.values().stream().limit(examples).toList(), size,
                dataset == null ? "unknown" : dataset);
    }

    /** Validation images already in memory, resized to the model's input with the eval view. */
    static ValidationSet fromImages(List<LabeledImage> images, int size, String datasetLabel) {
        int imageBytes = size * size * 3;
        byte[] pixels = new byte[images.size() * imageBytes];
        int[] labels = new int[images.size()];
        for (int i = 0; i < images.size(); i++) {
            UInt8Image view = EvalView.apply(images.get(i).image(), size);
            System.arraycopy(view.data(), 0, pixels, i * imageBytes, imageBytes);
            labels[i] = images.get(i).label();
        }
        return new ValidationSet(pixels, labels, size, datasetLabel);
    }

    public int imageCount() {
        return labels.length;
    }

    /** The display label of the data set the images came from ({@code cifar10}, {@code synthetic}, ...). */
    public String datasetLabel() {
        return datasetLabel;
    }

    /** Mean cross-entropy and top-1 accuracy of {@code model} in inference mode. */
    public Score score(Model model, int batchSize) {
        int imageBytes = size * size * 3;
        double lossSum = 0;
        double correct = 0;
        for (int from = 0; from < labels.length; from += batchSize) {
            int count = Math.min(batchSize, labels.length - from);
            byte[] batchPixels = new byte[count * imageBytes];
            System.arraycopy(pixels, from * imageBytes, batchPixels, 0, batchPixels.length);
            int[] batchLabels = Arrays.copyOfRange(labels, from, from + count);
            Logits logits = model.predict(new Batch(batchPixels, batchLabels, count, size, size, 3));
            lossSum += logits.meanCrossEntropy(batchLabels) * count;
            correct += logits.accuracy(batchLabels) * count;
        }
        return new Score(lossSum / labels.length, correct / labels.length);
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for validation images", e);
        }
    }
}
