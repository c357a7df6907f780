package dev.robust.bench;

import dev.robust.common.event.AugmentationConfig;
import dev.robust.common.event.ModelRole;
import dev.robust.common.image.RandAugmentGeometry;
import dev.robust.service.messaging.DeadLetterPublisher;
import dev.robust.service.messaging.EventPublisher;
import dev.robust.service.messaging.KafkaClients;
import dev.robust.trainer.pairs.EpochRequests;
import dev.robust.trainer.pairs.PairBatch;
import dev.robust.trainer.pairs.PairStream;
import io.micrometer.core.instrument.Metrics;

import java.time.Duration;
import java.util.Iterator;

/**
 * Pairs from the real augment-service, read the way the trainer reads them: the trainer's {@link PairStream} opened
 * on a run's partition, then one {@code EpochRequested} on {@code runs} published with the services'
 * {@link EventPublisher}. The augment-service renders the epoch on its own cores while the caller consumes it.
 */
final class AugmentFeed implements AutoCloseable {
    /** The trainer's default ({@code robust.trainer.batches-in-memory}). */
    private static final int BATCHES_IN_MEMORY = 4;
    private static final Duration PAIRS_TIMEOUT = Duration.ofMinutes(2);
    private static final long SEED = 1;
    /** The requests come from the trainer's place, so they say so. */
    private static final String SOURCE = "/trainer-service";

    private final PairStream stream;
    private final KafkaClients kafka;
    private final Iterator<PairBatch> batches;

    private AugmentFeed(PairStream stream, KafkaClients kafka, Iterator<PairBatch> batches) {
        this.stream = stream;
        this.kafka = kafka;
        this.batches = batches;
    }

    /** Opens the stream, then asks for one teacher epoch of {@code examples} pairs at {@code model}'s views. */
    static AugmentFeed request(String bootstrapServers, String runId, ModelSize model, int batch, int examples) {
        KafkaClients kafka = KafkaClients.forBootstrapServers(bootstrapServers);
        // Open for the stream's life: the stream asks again through it when an epoch's pairs are lost.
        EventPublisher publisher = new EventPublisher(kafka.producer(), SOURCE);
        DeadLetterPublisher deadLetters = new DeadLetterPublisher(kafka.producer(), Metrics.globalRegistry, "bench");
        // Relative, as the CPU profiles: at the seed's 72x72 views it is the recipe's absolute geometry.
        AugmentationConfig views = new AugmentationConfig(model.resize(), model.side(), true, 2, 9,
                RandAugmentGeometry.RELATIVE);
        EpochRequests requests = new EpochRequests(publisher, runId, examples, views, 2);
        PairStream stream;
        try {
            stream = PairStream.open(kafka, deadLetters, runId, batch, model.side(), BATCHES_IN_MEMORY, PAIRS_TIMEOUT,
                    () -> { }, requests::requestAgain);
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        try {
            requests.ensureRequested(ModelRole.TEACHER, SEED, 0, 0);
        } catch (RuntimeException e) {
            stream.close();
            kafka.close();
            throw e;
        }
        return new AugmentFeed(stream, kafka, stream.epoch(ModelRole.TEACHER, 0).iterator());
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
        kafka.close();
    }
}
