package dev.robust.augment.pairs;

import dev.robust.augment.config.AugmentSettings;
import dev.robust.service.messaging.KafkaClients;
import dev.robust.augment.messaging.SendTracker;
import dev.robust.augment.render.RenderPool;
import dev.robust.common.codec.CleanNoisyPairCodec;
import dev.robust.common.event.AugmentationConfig;
import dev.robust.common.event.EpochRequested;
import dev.robust.common.event.RecordKeys;
import dev.robust.common.image.LabeledImage;
import dev.robust.common.pairs.TrainPairsProtocol;
import dev.robust.common.topic.Topics;
import dev.robust.imaging.random.ImageRandom;
import dev.robust.imaging.view.TrainingViews;
import dev.robust.imaging.view.ViewConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Produces one epoch of clean/noisy pairs to {@code train.pairs} as {@link TrainPairsProtocol} lays it out: the
 * epoch's order ({@link EpochOrder}), each pair drawn from a source seeded by (seed, epoch, dataset index), rendered
 * in parallel chunks and sent in position order to the run's partition, then the end-of-epoch marker. No record is
 * sent further than {@link ReaderLead} allows ahead of the run's reader.
 *
 * <p>Metrics: {@code augment_pairs_produced_total} (its rate is pairs/s) and {@code augment_pairs_epoch_rate}
 * (pairs/s of the latest epoch, rendering and sending included).
 */
@ApplicationScoped
public class EpochStreamer {
    private static final Logger LOG = Logger.getLogger(EpochStreamer.class);

    private final TrainingSet trainingSet;
    private final RenderPool renderPool;
    private final KafkaClients clients;
    private final ReaderLead readerLead;
    private final int chunkSize;
    private final Duration trainingSetWait;
    private final Counter produced;
    private final AtomicReference<Double> lastEpochRate = new AtomicReference<>(0.0);

    EpochStreamer(TrainingSet trainingSet, RenderPool renderPool, KafkaClients clients, ReaderLead readerLead,
                  AugmentSettings settings, MeterRegistry registry) {
        this.trainingSet = trainingSet;
        this.readerLead = readerLead;
        this.renderPool = renderPool;
        this.clients = clients;
        this.chunkSize = settings.pairs().chunkSize();
        this.trainingSetWait = settings.pairs().trainingSetWait();
        this.produced = Counter.builder("augment.pairs.produced").description("Pairs the broker acknowledged")
                .register(registry);
        registry.gauge("augment.pairs.epoch.rate", lastEpochRate, AtomicReference::get);
    }

    /** Produces the epoch and returns how many pairs it holds (the marker's count). */
    public long stream(EpochRequested request) throws Exception {
        long started = System.nanoTime();
        TrainingViews views = new TrainingViews(viewConfig(request.augmentation()));
        readerLead.requireRoomFor(views.config().cropTo());
        List<LabeledImage> images = trainingSet.atLeast(request.examples(), trainingSetWait);
        int[] order = EpochOrder.of(request.seed(), request.epoch(), request.examples(), images.size());
        int partition = TrainPairsProtocol.partitionFor(request.runId(),
                clients.producer().partitionsFor(Topics.TRAIN_PAIRS).size());
        TopicPartition topicPartition = new TopicPartition(Topics.TRAIN_PAIRS, partition);
        Headers pairHeaders = headers(TrainPairsProtocol.pairHeaders(request.runId(), request.phase(), request.epoch()));
        // One partition, so acknowledgements come in send order and the last one is the marker's: not a pair.
        SendTracker tracker = new SendTracker(clients.producer(),
                "pairs of run " + request.runId() + " epoch " + request.epoch(), acknowledged -> {
                    if (acknowledged <= order.length) produced.increment();
                });

        long sent = 0;
        long allowance = 0;
        for (int start = 0; start < order.length; start += chunkSize) {
            int first = start;
            byte[][] pairs = renderPool.render(Math.min(chunkSize, order.length - start), i -> {
                LabeledImage image = images.get(order[first + i]);
                ImageRandom random = ImageRandom.forImage(request.seed(), request.epoch(), image.index());
                return CleanNoisyPairCodec.encode(views.pair(image.index(), image.label(), image.image(), random));
            });
            for (int i = 0; i < pairs.length; i++) {
                if (allowance == 0) allowance = awaitRoom(request, topicPartition, tracker, sent);
                String key = RecordKeys.trainPair(request.runId(), request.epoch(), first + i);
                tracker.send(new ProducerRecord<>(Topics.TRAIN_PAIRS, partition, key, pairs[i], pairHeaders));
                sent++;
                allowance--;
            }
        }
        if (allowance == 0) awaitRoom(request, topicPartition, tracker, sent);
        tracker.send(new ProducerRecord<>(Topics.TRAIN_PAIRS, partition,
                TrainPairsProtocol.endOfEpochKey(request.runId(), request.epoch()),
                TrainPairsProtocol.encodePairCount(order.length),
                headers(TrainPairsProtocol.endOfEpochHeaders(request.runId(), request.phase(), request.epoch()))));
        tracker.awaitAll();

        double seconds = (System.nanoTime() - started) / 1e9;
        lastEpochRate.set(order.length / seconds);
        LOG.infof("run %s %s epoch %d: %d pairs (%dx%d) to partition %d in %.1f s (%.0f pairs/s)",
                request.runId(), request.phase().id(), request.epoch(), order.length, views.config().cropTo(),
                views.config().cropTo(), partition, seconds, order.length / seconds);
        return order.length;
    }

    private long awaitRoom(EpochRequested request, TopicPartition partition, SendTracker tracker, long sent)
            throws InterruptedException {
        return readerLead.awaitRoom(request.runId(), partition, () -> sent - tracker.acknowledged());
    }

    private static ViewConfig viewConfig(AugmentationConfig augmentation) {
        if (!augmentation.horizontalFlip()) {
            // TrainingViews always draws a flip; pretending otherwise would train on views the run did not ask for.
            throw new IllegalArgumentException("horizontal_flip=false is not supported: the training views always "
                    + "flip at random");
        }
        return new ViewConfig(augmentation.resize(), augmentation.crop(), augmentation.randaugmentLayers(),
                augmentation.randaugmentMagnitude(), augmentation.randaugmentGeometry());
    }

    private static Headers headers(Map<String, byte[]> values) {
        RecordHeaders headers = new RecordHeaders();
        values.forEach(headers::add);
        headers.setReadOnly();
        return headers;
    }
}
