package dev.robust.bench;

import dev.robust.common.event.AugmentationConfig;
import dev.robust.common.event.EpochRequested;
import dev.robust.common.event.ModelRole;
import dev.robust.common.image.RandAugmentGeometry;
import dev.robust.trainer.kafka.EventPublisher;
import dev.robust.trainer.kafka.KafkaClients;
import dev.robust.trainer.pairs.PairBatch;
import dev.robust.trainer.pairs.PairStream;

import java.time.Duration;
import java.util.Iterator;

/**
 * Pairs from the real augment-service, read the way the trainer reads them: the trainer's {@link PairStream} opened
 * on a run's partition, then one {@code EpochRequested} on {@code runs} published with the trainer's
 * {@link EventPublisher}. The augment-service renders the epoch on its own cores while the caller consumes it.
 */
final class AugmentFeed implements AutoCloseable {
    /** The trainer's default ({@code trainer.batches-in-memory}). */
    private static final int BATCHES_IN_MEMORY = 4;
    private static final Duration PAIRS_TIMEOUT = Duration.ofMinutes(2);
    private static final long SEED = 1;

    private final PairStream stream;
    private final Iterator<PairBatch> batches;

    private AugmentFeed(PairStream stream, Iterator<PairBatch> batches) {
        this.stream = stream;
        this.batches = batches;
    }

    /** Opens the stream, then asks for one teacher epoch of {@code examples} pairs at {@code model}'s views. */
    static AugmentFeed request(String bootstrapServers, String runId, ModelSize model, int batch, int examples) {
        KafkaClients kafka = KafkaClients.forBootstrapServers(bootstrapServers);
        PairStream stream = PairStream.open(kafka, runId, batch, model.side(), BATCHES_IN_MEMORY, PAIRS_TIMEOUT,
                () -> { });
        try (EventPublisher publisher = new EventPublisher(kafka.producer())) {
            // Relative, as the CPU profiles: at the seed's 72x72 views it is the recipe's absolute geometry.
            AugmentationConfig views = new AugmentationConfig(model.resize(), model.side(), true, 2, 9,
                    RandAugmentGeometry.RELATIVE);
            publisher.publish(new EpochRequested(runId, ModelRole.TEACHER, 0, SEED, examples, views, 2));
        } catch (RuntimeException e) {
            stream.close();
            throw e;
        }
        return new AugmentFeed(stream, stream.epoch(ModelRole.TEACHER, 0).iterator());
    }

    /** The next batch; waits for the augment-service, fails when the epoch has ended or nothing came in time. */
    PairBatch next() {
        return batches.next();
    }

    /** Reads what is left of the epoch (up to its end marker); returns the number of pairs read. */
    long drain() {
        long pairs = 0;
        while (batches.hasNext()) pairs += batches.next().clean().size();
        return pairs;
    }

    @Override
    public void close() {
        stream.close();
    }
}
