package dev.robust.bench;

import dev.robust.common.checkpoint.CheckpointStore;
import dev.robust.common.checkpoint.StoredCheckpoint;
import dev.robust.common.corruption.Corruption;
import dev.robust.common.event.CheckpointCreated;
import dev.robust.common.event.EvaluationResult;
import dev.robust.common.event.ModelRole;
import dev.robust.engine.Batch;
import dev.robust.engine.Engine;
import dev.robust.engine.Model;
import dev.robust.engine.ModelSpec;
import dev.robust.service.messaging.KafkaClients;
import dev.robust.eval.scoring.CheckpointEvaluator;
import dev.robust.eval.scoring.Evaluation;
import dev.robust.eval.scoring.ScoringPlan;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The eval sweep of one checkpoint from Kafka against the same work from memory. From Kafka is the eval-service's
 * own {@link CheckpointEvaluator}: verify and load the checkpoint, sweep {@code cifar10.test} and the corruption
 * topic (decode, dedupe, eval view, batch, predict, tally). In memory is: load the same checkpoint, then predict the
 * same number of images in batches assembled beforehand. Both include the load, so the ratio is what reading from
 * Kafka costs. The two alternate for a number of rounds after one warm-up pass.
 */
final class ScoringThroughput {
    record Figures(Engine engine, ModelSize model, long images, double inMemory, double fromKafka) {
        double ratio() {
            return fromKafka / inMemory;
        }
    }

    private final BenchSettings settings;
    private final Consumer<String> progress;
    private final Path workDir;

    ScoringThroughput(BenchSettings settings, Consumer<String> progress, Path workDir) {
        this.settings = settings;
        this.progress = progress;
        this.workDir = workDir;
    }

    Figures measure(Engine engine, ModelSize size) throws IOException {
        String runId = settings.runPrefix() + "-eval-" + engine.name() + "-" + size.architecture() + "-" + size.side();
        CheckpointCreated checkpoint = checkpoint(engine, size, runId);
        ScoringPlan plan = new ScoringPlan(
                settings.evalCorruption() == null ? List.of() : List.of(Corruption.fromId(settings.evalCorruption())),
                List.of(1, 2, 3, 4, 5), OptionalInt.of(settings.evalImages()),
                OptionalInt.of(settings.evalPerSeverity()), settings.evalBatch());
        CheckpointStore store = CheckpointStore.open(workDir);
        // The directory store hands the reader the stored file itself, which outlives the read.
        Path file = store.readVerified(checkpoint.uri(), checkpoint.sha256(), checkpoint.bytes(), verified -> verified);

        try (KafkaConsumer<byte[], byte[]> consumer =
                     KafkaClients.forBootstrapServers(settings.bootstrapServers()).reader(KafkaClients.BYTE_KEYS, 1000, false)) {
            AtomicLong rejected = new AtomicLong();
            CheckpointEvaluator evaluator = new CheckpointEvaluator(store, consumer,
                    (record, reason) -> rejected.incrementAndGet(), plan, Duration.ofMillis(200));
            progress.accept(engine.name() + " " + size + ": eval sweep from Kafka vs in memory, "
                    + settings.evalRounds() + " round(s)");
            long images = sweep(evaluator, checkpoint)[0]; // warm-up, and the number of images a sweep scores
            if (rejected.get() > 0) {
                throw new IllegalStateException(rejected.get() + " records of the data topics could not be scored");
            }
            inMemory(engine, file, size, images);
            long kafkaNanos = 0;
            long memoryNanos = 0;
            for (int round = 0; round < settings.evalRounds(); round++) {
                memoryNanos += inMemory(engine, file, size, images);
                kafkaNanos += sweep(evaluator, checkpoint)[1];
            }
            double total = (double) images * settings.evalRounds();
            return new Figures(engine, size, images, total / (memoryNanos / 1e9), total / (kafkaNanos / 1e9));
        }
    }

    /** Images scored and nanoseconds taken by one evaluation of the checkpoint from Kafka. */
    private long[] sweep(CheckpointEvaluator evaluator, CheckpointCreated checkpoint) {
        List<EvaluationResult> results = new ArrayList<>();
        long start = System.nanoTime();
        // Predictions are gathered as in the service and dropped: the figure is the sweep's, not the publishing's.
        Evaluation evaluation = evaluator.evaluate(checkpoint, results::add, predictions -> { });
        long nanos = System.nanoTime() - start;
        evaluation.rejection().ifPresent(reason -> {
            throw new IllegalStateException("eval sweep failed: " + reason);
        });
        List<String> failed = results.stream().filter(r -> r.status() != EvaluationResult.Status.OK)
                .map(r -> r.corruption() + "/" + r.severity() + ": " + r.error()).toList();
        if (!failed.isEmpty()) {
            throw new IllegalStateException("eval sweep has failed slices (are the data topics ingested?): " + failed);
        }
        long images = results.stream().mapToLong(EvaluationResult::total).sum();
        if (images == 0) throw new IllegalStateException("eval sweep scored no images; is cifar10.test empty?");
        return new long[] {images, nanos};
    }

    /** Nanoseconds to load the checkpoint and predict {@code images} images from batches built beforehand. */
    private long inMemory(Engine engine, Path file, ModelSize size, long images) throws IOException {
        List<Batch> batches = new ArrayList<>();
        for (long from = 0; from < images; from += settings.evalBatch()) {
            int n = (int) Math.min(settings.evalBatch(), images - from);
            batches.add(TrainingThroughput.randomBatch(n, size.side(), from));
        }
        long start = System.nanoTime();
        Model model = engine.load(file);
        for (Batch batch : batches) model.predict(batch);
        return System.nanoTime() - start;
    }

    private CheckpointCreated checkpoint(Engine engine, ModelSize size, String runId) {
        Model model = engine.create(ModelSpec.of(size.architecture(), size.side(), 10, 7));
        CheckpointStore store = CheckpointStore.open(workDir);
        String id = CheckpointStore.checkpointId(runId, ModelRole.TEACHER, 0);
        StoredCheckpoint stored = store.write(runId, id, engine.checkpointFormat(), model::save);
        return new CheckpointCreated(id, runId, ModelRole.TEACHER, 0, size.architecture(), engine.name(),
                engine.checkpointFormat(), stored.uri(), stored.sha256(), stored.bytes(), Map.of(), false,
                "synthetic", Instant.now());
    }
}
