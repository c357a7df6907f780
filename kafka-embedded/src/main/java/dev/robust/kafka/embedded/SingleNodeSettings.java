package dev.robust.kafka.embedded;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Broker settings for a single-node KRaft cluster that holds this project's topics on one machine. Both ways of
 * starting the broker ({@link StandaloneBroker} for the CLI, {@code testing.TestKitBroker} for tests) apply these,
 * so tests run against the broker users get.
 *
 * @param retentionBytesPerPartition how much each partition keeps before old segments are deleted
 * @param retentionTime              how long records are kept at most
 */
public record SingleNodeSettings(long retentionBytesPerPartition, Duration retentionTime) {
    /** Each CIFAR-10-C topic holds 50,000 images of ~3 KB (~155 MB); 512 MiB leaves room for pair topics too. */
    public static final long DEFAULT_RETENTION_BYTES_PER_PARTITION = 512L * 1024 * 1024;
    public static final Duration DEFAULT_RETENTION_TIME = Duration.ofHours(24);

    /** Pair records are ~60 KB at 96×96; a few MiB leaves room for batches of them and for larger views. */
    static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
    /** Retention deletes whole closed segments only; Kafka's 1 GiB default would keep up to 1 GiB regardless. */
    static final int SEGMENT_BYTES = 64 * 1024 * 1024;

    public SingleNodeSettings {
        if (retentionBytesPerPartition < SEGMENT_BYTES) {
            throw new IllegalArgumentException("retention per partition must be at least one segment ("
                    + SEGMENT_BYTES + " bytes), got " + retentionBytesPerPartition);
        }
        if (retentionTime.isNegative() || retentionTime.isZero()) {
            throw new IllegalArgumentException("retention time must be positive, got " + retentionTime);
        }
    }

    public static SingleNodeSettings defaults() {
        return new SingleNodeSettings(DEFAULT_RETENTION_BYTES_PER_PARTITION, DEFAULT_RETENTION_TIME);
    }

    /** Broker properties (no listeners, node id or directories: those depend on how the broker is started). */
    public Map<String, String> brokerProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        // Internal topics default to replication factor 3; with one broker they could never be created.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        // Fifty partitions each for offsets and transactions make the first group join and the first
        // transaction slow to set up; one node gains nothing from spreading coordinators.
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.num.partitions", "1");
        // The delay only waits for more members of a group to arrive; locally it just stalls every first join.
        p.put("group.initial.rebalance.delay.ms", "0");
        // A consumer or Streams app that starts before its producer would otherwise fail on a missing topic.
        // Services that need several partitions create their topics explicitly with an admin client.
        p.put("auto.create.topics.enable", "true");
        p.put("num.partitions", "1");

        p.put("message.max.bytes", Integer.toString(MAX_MESSAGE_BYTES));
        p.put("replica.fetch.max.bytes", Integer.toString(MAX_MESSAGE_BYTES));

        // Bound the disk a local run can use: every partition keeps at most retention bytes + one segment.
        p.put("log.retention.bytes", Long.toString(retentionBytesPerPartition));
        p.put("log.retention.ms", Long.toString(retentionTime.toMillis()));
        p.put("log.segment.bytes", Integer.toString(SEGMENT_BYTES));
        p.put("log.retention.check.interval.ms", "60000");

        // The log cleaner's dedupe buffer defaults to 128 MiB of heap; the only compacted topics here are small.
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        return p;
    }
}
