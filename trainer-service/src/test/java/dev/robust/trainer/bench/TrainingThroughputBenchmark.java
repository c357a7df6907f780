package dev.robust.trainer.bench;

import dev.robust.common.codec.CleanNoisyPairCodec;
import dev.robust.common.dataset.Split;
import dev.robust.common.dataset.SyntheticSource;
import dev.robust.common.event.ModelRole;
import dev.robust.common.event.RecordKeys;
import dev.robust.common.image.CleanNoisyPair;
import dev.robust.common.image.LabeledImage;
import dev.robust.common.profile.RunProfile;
import dev.robust.common.topic.Topics;
import dev.robust.common.topic.TrainPairsProtocol;
import dev.robust.engine.Batch;
import dev.robust.engine.Engines;
import dev.robust.engine.Model;
import dev.robust.engine.ModelSpec;
import dev.robust.kafka.embedded.testing.TestKitBroker;
import dev.robust.trainer.kafka.KafkaClients;
import dev.robust.trainer.pairs.PairBatch;
import dev.robust.trainer.pairs.PairStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Teacher training throughput of the quick profile's model (ResNet-20, 32×32, batch 64), fed from memory and fed
 * from {@code train.pairs} through {@link PairStream}, in one JVM and one model, in alternating blocks; and the
 * process's peak RSS. The pairs are produced to the embedded broker before training, so the Kafka figure is the
 * trainer's side (fetch, decode, batch) without the augment-service's rendering.
 *
 * <p>Not part of the test suite (the name does not end in Test); run with
 * {@code ./mvnw -pl trainer-service test -Dtest=TrainingThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class TrainingThroughputBenchmark {
    private static final int WARM_UP_BATCHES = 3;
    private static final int ROUNDS = 4;
    private static final int BATCHES_PER_ROUND = 4;

    @Test
    void quickProfileImagesPerSecondFromMemoryAndFromKafka() throws Exception {
        RunProfile quick = RunProfile.named("quick");
        int batch = quick.batchSize();
        int side = quick.crop();
        int batches = WARM_UP_BATCHES + ROUNDS * BATCHES_PER_ROUND;
        SyntheticSource data = new SyntheticSource(3, batches * batch, 0);
        List<CleanNoisyPair> pairs = new ArrayList<>();
        for (int i = 0; i < batches * batch; i++) {
            LabeledImage image = data.image(Split.TRAIN, i);
            pairs.add(new CleanNoisyPair(i, image.label(), image.image(), image.image()));
        }
        List<Batch> memory = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            memory.add(batchOf(pairs.subList(b * batch, (b + 1) * batch), side));
        }
        Model model = Engines.named("dl4j").create(ModelSpec.of(quick.model(), side, 10, 1));

        try (TestKitBroker broker = TestKitBroker.start()) {
            KafkaClients kafka = KafkaClients.forBootstrapServers(broker.bootstrapServers());
            String runId = "bench";
            try (PairStream stream = PairStream.open(kafka, runId, batch, side, 4, Duration.ofMinutes(5), () -> { })) {
                produceEpoch(kafka, runId, 0, pairs);
                Iterator<PairBatch> fromKafka = stream.epoch(ModelRole.TEACHER, 0).iterator();
                for (int b = 0; b < WARM_UP_BATCHES; b++) {
                    model.trainTeacher(memory.get(b));
                    model.trainTeacher(fromKafka.next().clean());
                }
                // Alternate blocks of the two feeds, so load from other processes on the machine hits both alike.
                long memoryNanos = 0;
                long kafkaNanos = 0;
                for (int round = 0; round < ROUNDS; round++) {
                    long start = System.nanoTime();
                    for (int b = 0; b < BATCHES_PER_ROUND; b++) {
                        model.trainTeacher(memory.get(WARM_UP_BATCHES + round * BATCHES_PER_ROUND + b));
                    }
                    memoryNanos += System.nanoTime() - start;
                    start = System.nanoTime();
                    for (int b = 0; b < BATCHES_PER_ROUND; b++) {
                        model.trainTeacher(fromKafka.next().clean());
                    }
                    kafkaNanos += System.nanoTime() - start;
                }
                double images = (double) ROUNDS * BATCHES_PER_ROUND * batch;
                double memoryRate = images / (memoryNanos / 1e9);
                double kafkaRate = images / (kafkaNanos / 1e9);
                System.out.printf("%s %dx%d batch %d, %d images per feed: from memory %.1f images/s, from Kafka "
                                + "%.1f images/s (ratio %.2f); a quick epoch (%d pairs) from Kafka at that rate: %.0f s; "
                                + "peak RSS %s%n", quick.model(), side, side, batch, (long) images, memoryRate, kafkaRate,
                        kafkaRate / memoryRate, quick.trainExamples(), quick.trainExamples() / kafkaRate, peakRss());
            }
        }
    }

    private static void produceEpoch(KafkaClients kafka, String runId, int epoch, List<CleanNoisyPair> pairs) {
        try (KafkaProducer<String, byte[]> producer = kafka.producer()) {
            for (int p = 0; p < pairs.size(); p++) {
                producer.send(new ProducerRecord<>(Topics.TRAIN_PAIRS, 0, RecordKeys.trainPair(runId, epoch, p),
                        CleanNoisyPairCodec.encode(pairs.get(p)),
                        headers(TrainPairsProtocol.pairHeaders(runId, ModelRole.TEACHER, epoch))));
            }
            producer.send(new ProducerRecord<>(Topics.TRAIN_PAIRS, 0, TrainPairsProtocol.endOfEpochKey(runId, epoch),
                    TrainPairsProtocol.encodePairCount(pairs.size()),
                    headers(TrainPairsProtocol.endOfEpochHeaders(runId, ModelRole.TEACHER, epoch))));
        }
    }

    private static List<Header> headers(Map<String, byte[]> headers) {
        return headers.entrySet().stream().map(h -> (Header) new RecordHeader(h.getKey(), h.getValue())).toList();
    }

    private static Batch batchOf(List<CleanNoisyPair> pairs, int side) {
        int imageBytes = side * side * 3;
        byte[] pixels = new byte[pairs.size() * imageBytes];
        int[] labels = new int[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            System.arraycopy(pairs.get(i).clean().data(), 0, pixels, i * imageBytes, imageBytes);
            labels[i] = pairs.get(i).label();
        }
        return new Batch(pixels, labels, pairs.size(), side, side, 3);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** VmHWM of this process: the most resident memory it has had, JVM heap and native (ND4J) together. */
    private static String peakRss() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("VmHWM"))
                .map(line -> line.replaceAll("\\s+", " ").substring("VmHWM: ".length()))
                .findFirst().orElse("unknown");
    }
}
