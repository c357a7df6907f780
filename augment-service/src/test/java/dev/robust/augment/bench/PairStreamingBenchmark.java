package dev.robust.augment.bench;

import dev.robust.augment.SyntheticDataset;
import dev.robust.augment.pairs.EpochStreamer;
import dev.robust.common.event.AugmentationConfig;
import dev.robust.common.event.EpochRequested;
import dev.robust.common.event.ModelRole;
import dev.robust.common.topic.Topics;
import dev.robust.kafka.embedded.testing.EmbeddedKafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Pairs per second produced into the broker (rendering on every core, acks=all), for the quick and seed view sizes
 * — not a test: surefire does not pick it up by name, and it skips unless {@code bench.spec} is set. Run by hand
 * (see docs/benchmarks.md):
 * <pre>
 * ./mvnw -q -B -pl augment-service test -Dtest=PairStreamingBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbench.data-root=/path/to/data -Dbench.spec=imagefolder:cifar10-jpeg.tar.gz \
 *     [-Dbench.quick=49500] [-Dbench.seed=10000] [-Dbench.compression=lz4]
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedKafkaTestResource.class)
@TestProfile(PairStreamingBenchmark.Settings.class)
class PairStreamingBenchmark {
    /** The data root and producer compression come from {@code bench.*} system properties. */
    public static class Settings implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("robust.augment.data-root", System.getProperty("bench.data-root", "target/test-data-root"),
                    "robust.augment.producer.compression", System.getProperty("bench.compression", "none"));
        }
    }

    @Inject
    EpochStreamer streamer;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Test
    void pairsPerSecond() throws Exception {
        String spec = System.getProperty("bench.spec");
        assumeTrue(spec != null, "set -Dbench.spec to run the benchmark");
        String id = given().contentType(ContentType.JSON).body(Map.of("spec", spec, "validationSize", 500))
                .post("/datasets").then().statusCode(202).extract().path("id");
        SyntheticDataset.awaitJob("/datasets/jobs/" + id, Duration.ofMinutes(10));

        measure("quick (36 → 32)", new AugmentationConfig(36, 32, true, 2, 9), Integer.getInteger("bench.quick", 49_500));
        measure("seed (96 → 72)", AugmentationConfig.reference(), Integer.getInteger("bench.seed", 10_000));
    }

    private void measure(String name, AugmentationConfig views, int examples) throws Exception {
        for (int epoch = 0; epoch < 2; epoch++) {  // the first epoch warms the JIT up
            long bytesBefore = pairsTopicBytes();
            long start = System.nanoTime();
            long pairs = streamer.stream(new EpochRequested("bench-" + views.crop(), ModelRole.STUDENT, epoch, 1,
                    examples, views, 2));
            double seconds = (System.nanoTime() - start) / 1e9;
            long bytes = pairsTopicBytes() - bytesBefore;
            System.out.printf("BENCH %s epoch %d: %d pairs in %.1f s = %.0f pairs/s, %.1f KB per pair on disk, "
                            + "%d cores, compression %s%n", name, epoch, pairs, seconds, pairs / seconds,
                    bytes / 1024.0 / pairs, Runtime.getRuntime().availableProcessors(),
                    System.getProperty("bench.compression", "none"));
        }
    }

    /** Bytes the broker's log holds for train.pairs (all partitions): what compression would save. */
    private long pairsTopicBytes() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafkaConfig.get("bootstrap.servers")))) {
            long bytes = 0;
            for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(List.of(0)).allDescriptions().get()
                    .values()) {
                for (LogDirDescription dir : dirs.values()) {
                    for (var replica : dir.replicaInfos().entrySet()) {
                        if (replica.getKey().topic().equals(Topics.TRAIN_PAIRS)) bytes += replica.getValue().size();
                    }
                }
            }
            return bytes;
        }
    }
}
