package dev.robust.eval.scoring;

import dev.robust.common.codec.LabeledImageCodec;
import dev.robust.common.dataset.Split;
import dev.robust.common.dataset.SyntheticSource;
import dev.robust.common.event.RecordKeys;
import dev.robust.common.image.LabeledImage;
import dev.robust.common.topic.Topics;
import dev.robust.engine.Batch;
import dev.robust.engine.Engines;
import dev.robust.engine.Model;
import dev.robust.engine.ModelSpec;
import dev.robust.eval.fixtures.TinyCheckpoint;
import dev.robust.kafka.embedded.testing.TestKitBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Scoring throughput from Kafka against the same model's in-memory inference on the same images, alternating the
 * two in one JVM (not a test: run it by hand, see docs/benchmarks.md). Usage:
 * {@code ScoringBenchmark [architecture=resnet20] [images=5000] [rounds=3] [batch=64]}.
 */
public final class ScoringBenchmark {
    private ScoringBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String architecture = args.length > 0 ? args[0] : "resnet20";
        int images = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int batchSize = args.length > 3 ? Integer.parseInt(args[3]) : 64;

        List<LabeledImage> test = new SyntheticSource(7, 0, images).readAll(Split.TEST);
        Model model = Engines.named(TinyCheckpoint.ENGINE).create(ModelSpec.of(architecture, 32, 10, 1));
        try (TestKitBroker broker = TestKitBroker.start()) {
            Map<String, Object> client = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(client, new StringSerializer(),
                    new ByteArraySerializer())) {
                for (LabeledImage image : test) {
                    producer.send(new ProducerRecord<>(Topics.CIFAR10_TEST, RecordKeys.datasetImage(image.index()),
                            LabeledImageCodec.encode(image)));
                }
            }
            Map<String, Object> consumerConfig = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    broker.bootstrapServers(), ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig,
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                TopicScorer scorer = new TopicScorer(new TopicSweep(consumer, Duration.ofMillis(200)),
                        (record, reason) -> {
                            throw new IllegalStateException(reason);
                        }, batchSize);
                System.out.printf("%s, %d images, batch %d, %d cores%n", architecture, images, batchSize,
                        Runtime.getRuntime().availableProcessors());
                inMemory(model, test, batchSize); // warm-up
                for (int round = 1; round <= rounds; round++) {
                    double memory = inMemory(model, test, batchSize);
                    long start = System.nanoTime();
                    SliceCounts counts = scorer.scoreClean(model, Topics.CIFAR10_TEST, OptionalInt.empty());
                    double kafka = counts.total() / ((System.nanoTime() - start) / 1e9);
                    System.out.printf("round %d: in-memory %.0f img/s, from Kafka %.0f img/s (%d images), "
                            + "ratio %.2f%n", round, memory, kafka, counts.total(), kafka / memory);
                }
            }
        }
    }

    /** Images/s of predict() on batches assembled beforehand: the engine alone. */
    private static double inMemory(Model model, List<LabeledImage> images, int batchSize) {
        List<Batch> batches = new ArrayList<>();
        for (int from = 0; from < images.size(); from += batchSize) {
            batches.add(TinyCheckpoint.batch(images.subList(from, Math.min(images.size(), from + batchSize))));
        }
        long start = System.nanoTime();
        for (Batch batch : batches) model.predict(batch);
        return images.size() / ((System.nanoTime() - start) / 1e9);
    }
}
