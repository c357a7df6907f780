package dev.robust.bench;

import dev.robust.engine.Batch;
import dev.robust.engine.Compute;
import dev.robust.engine.Engine;
import dev.robust.engine.Model;
import dev.robust.engine.ModelSpec;

import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * One engine and model: inference, raw training (a batch held in memory) and, when asked, training fed from Kafka
 * by the augment-service. The two training feeds run in alternating blocks of steps on the same model in the same
 * JVM, so load from anything else on the machine (including the augment-service rendering the epoch) falls on both
 * alike. Rates are images over the summed time of the timed steps (the mean, not the median: a feed that stalls
 * now and then must show it).
 */
final class TrainingThroughput {
    /** Steps per block of one feed before switching to the other. */
    private static final int BLOCKS = 4;

    record Figures(Engine engine, ModelSize model, double trainRaw, Double trainKafka, double infer) {
        Double kafkaRatio() {
            return trainKafka == null ? null : trainKafka / trainRaw;
        }
    }

    private final BenchSettings settings;
    private final Consumer<String> progress;

    TrainingThroughput(BenchSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    Figures measure(Engine engine, ModelSize size, boolean fedFromKafka) {
        int batchSize = settings.batch();
        Model model = engine.create(ModelSpec.of(size.architecture(), size.side(), 10, 42),
                Compute.of(settings.precision()));
        Batch batch = randomBatch(batchSize, size.side(), 1);

        progress.accept(engine.name() + " " + size + ": inference, " + settings.warmUp() + " + " + settings.steps()
                + " steps of " + batchSize);
        double infer = rate(settings.warmUp(), settings.steps(), () -> model.predict(batch));

        if (!fedFromKafka) {
            progress.accept(engine.name() + " " + size + ": training, " + settings.warmUp() + " + "
                    + settings.steps() + " steps");
            double raw = rate(settings.warmUp(), settings.steps(), () -> model.trainTeacher(batch));
            return new Figures(engine, size, raw, null, infer);
        }

        String runId = settings.runPrefix() + "-train-" + engine.name() + "-" + size.architecture() + "-"
                + size.side();
        progress.accept(engine.name() + " " + size + ": training raw vs fed through Kafka (" + runId + ", "
                + settings.kafkaExamples() + " pairs from the augment-service)");
        try (AugmentFeed feed = AugmentFeed.request(settings.bootstrapServers(), runId, size, batchSize,
                settings.kafkaExamples())) {
            for (int i = 0; i < settings.warmUp(); i++) {
                model.trainTeacher(batch);
                model.trainTeacher(feed.next().clean());
            }
            int block = Math.max(1, settings.steps() / BLOCKS);
            long rawNanos = 0;
            long kafkaNanos = 0;
            for (int done = 0; done < settings.steps(); done += block) {
                int n = Math.min(block, settings.steps() - done);
                long start = System.nanoTime();
                for (int i = 0; i < n; i++) model.trainTeacher(batch);
                rawNanos += System.nanoTime() - start;
                start = System.nanoTime();
                for (int i = 0; i < n; i++) model.trainTeacher(feed.next().clean());
                kafkaNanos += System.nanoTime() - start;
            }
            feed.drain();
            double images = (double) settings.steps() * batchSize;
            return new Figures(engine, size, images / (rawNanos / 1e9), images / (kafkaNanos / 1e9), infer);
        }
    }

    /** Images/s over {@code timed} steps after {@code warmUp} untimed ones (workspaces, JIT, kernel choice). */
    private double rate(int warmUp, int timed, Runnable step) {
        for (int i = 0; i < warmUp; i++) step.run();
        long start = System.nanoTime();
        for (int i = 0; i < timed; i++) step.run();
        return (double) timed * settings.batch() / ((System.nanoTime() - start) / 1e9);
    }

    static Batch randomBatch(int size, int side, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[size * side * side * 3];
        for (int i = 0; i < pixels.length; i++) pixels[i] = (byte) random.nextInt(256);
        return new Batch(pixels, random.ints(size, 0, 10).toArray(), size, side, side, 3);
    }
}
