package dev.robust.bench;

import dev.robust.common.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.common.Node;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * How fast the augment-service delivers pairs to a trainer that takes them as fast as they come: one epoch
 * requested and read to its end marker with the trainer's {@code PairStream}, no training. That is the service's
 * rendering (both views, RandAugment on the noisy one, on every core it has), producing with {@code acks=all}, and
 * the trainer side's fetch and decode. Also the bytes {@code train.pairs} grew by per pair (after compression).
 */
final class PairThroughput {
    record Figures(ModelSize views, long pairs, double pairsPerSecond, double kilobytesPerPair) {
    }

    private final BenchSettings settings;
    private final Consumer<String> progress;

    PairThroughput(BenchSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    Figures measure(ModelSize views) throws InterruptedException {
        String prefix = settings.runPrefix() + "-pairs-" + views.side();
        // A small epoch first: the service reads the training set on its first request, and the JIT warms up.
        try (AugmentFeed warmUp = AugmentFeed.request(settings.bootstrapServers(), prefix + "-warmup", views, 64,
                Math.min(settings.pairs(), 256))) {
            warmUp.drain();
        }
        progress.accept("augment-service: " + settings.pairs() + " pairs at " + views.resize() + " → " + views.side()
                + " through Kafka");
        long bytesBefore = pairsTopicBytes();
        long start = System.nanoTime();
        long pairs;
        try (AugmentFeed feed = AugmentFeed.request(settings.bootstrapServers(), prefix, views, 64,
                settings.pairs())) {
            pairs = feed.drain();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double kilobytes = (pairsTopicBytes() - bytesBefore) / 1024.0 / pairs;
        return new Figures(views, pairs, pairs / seconds, kilobytes);
    }

    /** Bytes the broker's logs hold for {@code train.pairs}, all partitions. */
    private long pairsTopicBytes() throws InterruptedException {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", settings.bootstrapServers()))) {
            List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(Node::id).toList();
            long bytes = 0;
            for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(brokers).allDescriptions().get().values()) {
                for (LogDirDescription dir : dirs.values()) {
                    for (var replica : dir.replicaInfos().entrySet()) {
                        if (replica.getKey().topic().equals(Topics.TRAIN_PAIRS)) bytes += replica.getValue().size();
                    }
                }
            }
            return bytes;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the size of " + Topics.TRAIN_PAIRS + ": " + e.getMessage(), e);
        }
    }
}
