package dev.robust.augment.pairs;

import dev.robust.augment.config.AugmentSettings;
import dev.robust.service.messaging.KafkaClients;
import dev.robust.common.topic.TopicRetention;
import dev.robust.common.topic.Topics;
import dev.robust.common.pairs.TrainPairsProtocol;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Flow control on {@code train.pairs}: a run's pairs are sent no more than {@code robust.augment.pairs.lead} records
 * ahead of what the run's reader has read, so retention can never delete a pair before the trainer reads it.
 *
 * <p>The reader's progress is the offset it commits under {@link TrainPairsProtocol#readerGroup} (read here with the
 * Admin API, only when the allowance is spent): Kafka's own record of a consumer's position, which survives a trainer
 * restart (the new reader commits its start offset before it asks for anything) and needs no event of its own.
 * What is ahead of the reader is the partition's end offset plus the records this stream has sent but the broker has
 * not yet acknowledged, minus that committed offset; other runs' records on the same partition count too, since
 * retention deletes them alike. A reader that committed nothing (none was opened) is taken to be where the
 * partition ended when its run's first epoch began.
 */
@ApplicationScoped
public class ReaderLead {
    private static final Logger LOG = Logger.getLogger(ReaderLead.class);
    private static final Duration CHECK_EVERY = Duration.ofMillis(100);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaClients clients;
    private final long lead;
    private final int refill;
    private final Duration readerWait;
    private final Map<String, Long> assumedStarts = new ConcurrentHashMap<>();
    private final Set<String> ended = ConcurrentHashMap.newKeySet();

    ReaderLead(KafkaClients clients, AugmentSettings settings) {
        this.clients = clients;
        this.lead = settings.pairs().lead();
        if (lead < 1) throw new IllegalArgumentException("robust.augment.pairs.lead must be >= 1, got " + lead);
        // Wait for room for a whole chunk (not one record at a time) unless the lead is smaller.
        this.refill = (int) Math.min(lead, settings.pairs().chunkSize());
        this.readerWait = settings.pairs().readerWait();
    }

    /** The most records of a run the service keeps ahead of its reader. */
    public long lead() {
        return lead;
    }

    /**
     * Waits until the reader of {@code runId} has made room and returns how many more records may be sent now.
     *
     * @param unacknowledged records this stream sent that the broker has not acknowledged yet
     * @throws ReaderGoneException when the run ended, or its reader read nothing for {@code robust.augment.pairs
     *                             .reader-wait}
     */
    public long awaitRoom(String runId, TopicPartition partition, LongSupplier unacknowledged)
            throws InterruptedException {
        long waitingSince = System.nanoTime();
        long lastSeen = -1;
        while (true) {
            if (ended.contains(runId)) {
                throw new ReaderGoneException("run " + runId + " ended");
            }
            long end;
            long read;
            try {
                end = endOffset(partition);
                read = committed(runId, partition, end);
            } catch (IllegalStateException e) {
                // The broker is away (a restart): the producer retries meanwhile; ask again, within reader-wait.
                LOG.debugf("run %s: cannot read the reader's position yet: %s", runId, e.getMessage());
                end = -1;
                read = lastSeen;
            }
            long room = lead - (end + unacknowledged.getAsLong() - read);
            if (end >= 0 && room >= refill) {
                return room;
            }
            if (read != lastSeen) {
                lastSeen = read;
                waitingSince = System.nanoTime();
            } else if (System.nanoTime() - waitingSince > readerWait.toNanos()) {
                throw new ReaderGoneException("the reader of run " + runId + " stayed at offset " + read + " of "
                        + partition + " for " + readerWait.toSeconds() + " s (robust.augment.pairs.reader-wait), "
                        + (end < 0 ? "the broker unreachable" : (end - read) + " records behind"));
            }
            Thread.sleep(CHECK_EVERY.toMillis());
        }
    }

    /**
     * Why {@code train.pairs}, with {@code config} (null: the topic is missing, nothing to check), cannot hold the
     * lead of pairs of {@code side}×{@code side} views for as long as a reader may take, if it cannot.
     */
    public Optional<String> problemHolding(Map<String, String> config, int side) {
        if (config == null) return Optional.empty();
        return TopicRetention.holds(Topics.TRAIN_PAIRS, config, lead * TrainPairsProtocol.pairRecordBytes(side),
                readerWait, String.format("%,d pairs of %dx%d views ahead of the trainer (robust.augment.pairs.lead, "
                        + "%,d bytes each at most)", lead, side, side, TrainPairsProtocol.pairRecordBytes(side)),
                "robust.augment.pairs.lead", "robust.augment.pairs.reader-wait");
    }

    /**
     * Fails, naming the numbers, when {@code train.pairs} cannot hold the lead of a run's views. A broker that cannot
     * be asked right now only gets a warning: the start-up check has seen the topic.
     */
    public void requireRoomFor(int side) throws InterruptedException {
        Map<String, Map<String, String>> configs;
        try {
            configs = TopicRetention.read(clients.admin(), List.of(Topics.TRAIN_PAIRS), ADMIN_TIMEOUT);
        } catch (IllegalStateException e) {
            LOG.warnf("cannot check the retention of %s for %dx%d pairs: %s", Topics.TRAIN_PAIRS, side, side,
                    e.getMessage());
            return;
        }
        problemHolding(configs.get(Topics.TRAIN_PAIRS), side).ifPresent(problem -> {
            throw new IllegalStateException(problem);
        });
    }

    /** The run finished or failed: its streams stop at their next check. */
    public void runEnded(String runId) {
        ended.add(runId);
        assumedStarts.remove(runId);
    }

    /** True when the run ended (a request still queued for it is not served). */
    public boolean hasEnded(String runId) {
        return ended.contains(runId);
    }

    private long committed(String runId, TopicPartition partition, long end) throws InterruptedException {
        String group = TrainPairsProtocol.readerGroup(runId);
        Map<TopicPartition, OffsetAndMetadata> offsets = get(clients.admin().listConsumerGroupOffsets(
                Map.of(group, new ListConsumerGroupOffsetsSpec().topicPartitions(List.of(partition))))
                .partitionsToOffsetAndMetadata(group), "the committed offset of " + group);
        OffsetAndMetadata offset = offsets.get(partition);
        if (offset != null) {
            assumedStarts.remove(runId);
            return offset.offset();
        }
        return assumedStarts.computeIfAbsent(runId, run -> end);
    }

    private long endOffset(TopicPartition partition) throws InterruptedException {
        return get(clients.admin().listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition),
                "the end offset of " + partition).offset();
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future, String what) throws InterruptedException {
        try {
            return future.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not tell " + what + " within "
                    + ADMIN_TIMEOUT.toSeconds() + " s", e);
        }
    }
}
