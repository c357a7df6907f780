package dev.robust.trainer.pairs;

import dev.robust.common.BadInputException;
import dev.robust.common.codec.CleanNoisyPairCodec;
import dev.robust.common.event.ModelRole;
import dev.robust.common.image.CleanNoisyPair;
import dev.robust.common.image.UInt8Image;
import dev.robust.common.topic.Topics;
import dev.robust.common.pairs.TrainPairsProtocol;
import dev.robust.engine.Batch;
import dev.robust.service.messaging.KafkaClients;
import dev.robust.common.topic.RecordHeaders;
import dev.robust.service.messaging.DeadLetterPublisher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One run's training pairs from {@code train.pairs}, epoch by epoch, as batches.
 *
 * <p>It reads only the partition that carries the run ({@link TrainPairsProtocol#partitionFor}), from the end offset
 * noted when the stream was opened, so the caller opens it <em>before</em> it requests the first epoch. A reader
 * thread decodes records into batches ahead of training, but never more than {@code batchesInMemory} of them.
 * Records of other runs, and of epochs other than the one asked for, are skipped. A repeated copy of an epoch (a
 * request re-sent after a restart) is recognised by position and used only to fill gaps; an epoch is complete when
 * its end-of-epoch marker has arrived and every position it counts has been seen. A record of the run whose key or
 * value cannot be read goes to {@code train.pairs.dlq} and is otherwise ignored.
 *
 * <p>Flow control: the reader commits how far it has read under {@link TrainPairsProtocol#readerGroup} (at open, then
 * at most every {@value #COMMIT_EVERY_MS} ms while it reads), and the augment-service stays a bounded number of
 * records ahead of that offset. Should pairs still be lost — records deleted by retention before they were read
 * (the position fell below the log start offset), an end marker that counts more pairs than arrived, or no record of
 * the run for {@link #longestSilence} (a lost request) — the stream asks for the epoch once more through {@link Resend}
 * and says so; if that copy does not complete the epoch either, it fails with the run, the epoch, the counts and the
 * cause.
 */
public final class PairStream implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PairStream.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final int MAX_POLL_RECORDS = 256;
    private static final Duration TOPIC_WAIT = Duration.ofSeconds(30);
    private static final long COMMIT_EVERY_MS = 250;

    /** Asks the augment-service once more for epochs of a run. */
    @FunctionalInterface
    public interface Resend {
        /**
         * Requests {@code epoch} of {@code phase} again and, when {@code andLaterOnes}, every later epoch of the phase
         * already requested (records deleted unread may hold them too); returns the epochs it requested.
         */
        List<Integer> requestAgain(ModelRole phase, int epoch, boolean andLaterOnes);
    }

    private sealed interface Item permits BatchItem, EpochEnd {
    }

    private record BatchItem(PairBatch batch) implements Item {
    }

    private record EpochEnd(long pairs) implements Item {
    }

    private record EpochKey(ModelRole phase, int epoch) {
    }

    private final String runId;
    private final int batchSize;
    private final int viewSize;
    private final Duration timeout;
    private final Runnable whileWaiting;
    private final Resend resend;
    private final KafkaConsumer<String, byte[]> consumer;
    private final DeadLetterPublisher deadLetters;
    private final TopicPartition partition;
    private final long startOffset;
    private final BlockingQueue<EpochKey> wanted = new LinkedBlockingQueue<>();
    /** Polled records not looked at yet (reader thread only). */
    private final Deque<ConsumerRecord<String, byte[]>> pending = new ArrayDeque<>();
    private final BlockingQueue<Item> ready;
    private final Thread reader;
    private volatile boolean closed;
    /** Why the reader stopped, for the trainer to rethrow; set once. */
    private volatile PairsUnavailableException failure;
    private boolean epochOpen;
    /** Epochs asked for a second time (reader thread only): a second loss of one of them fails the run. */
    private final Set<EpochKey> resent = new HashSet<>();
    /** End markers seen of epochs whose copy was incomplete (reader thread only). */
    private final Map<EpochKey, Integer> incompleteMarkers = new HashMap<>();
    private long lastCommitNanos;
    private long committed;

    private PairStream(String runId, int batchSize, int viewSize, int batchesInMemory, Duration timeout,
                       Runnable whileWaiting, Resend resend, KafkaConsumer<String, byte[]> consumer,
                       DeadLetterPublisher deadLetters, TopicPartition partition, long startOffset) {
        this.runId = runId;
        this.whileWaiting = whileWaiting;
        this.resend = resend;
        this.batchSize = batchSize;
        this.viewSize = viewSize;
        this.timeout = timeout;
        this.consumer = consumer;
        this.deadLetters = deadLetters;
        this.partition = partition;
        this.startOffset = startOffset;
        this.committed = startOffset;
        this.ready = new ArrayBlockingQueue<>(batchesInMemory);
        this.reader = new Thread(this::readLoop, "pairs-" + runId);
        this.reader.setDaemon(true);
    }

    /**
     * Opens the stream at the current end of the run's partition.
     *
     * @param viewSize     the side every clean and noisy view must have (the model's input)
     * @param whileWaiting called while the trainer waits for a batch; may throw to stop waiting (a cancelled run)
     * @param resend       asks for lost epochs once more
     */
    public static PairStream open(KafkaClients kafka, DeadLetterPublisher deadLetters, String runId, int batchSize,
                                  int viewSize, int batchesInMemory, Duration timeout, Runnable whileWaiting,
                                  Resend resend) {
        KafkaConsumer<String, byte[]> consumer = kafka.committingReader(KafkaClients.TEXT_KEYS,
                TrainPairsProtocol.readerGroup(runId), MAX_POLL_RECORDS);
        try {
            List<TopicPartition> partitions = KafkaClients.awaitPartitions(consumer, Topics.TRAIN_PAIRS, TOPIC_WAIT);
            TopicPartition partition = new TopicPartition(Topics.TRAIN_PAIRS,
                    TrainPairsProtocol.partitionFor(runId, partitions.size()));
            consumer.assign(List.of(partition));
            long start = consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
            consumer.seek(partition, start);
            // Before the first request: the augment-service measures its lead from here (also after a restart).
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(start)), Duration.ofSeconds(30));
            PairStream stream = new PairStream(runId, batchSize, viewSize, batchesInMemory, timeout, whileWaiting,
                    resend, consumer, deadLetters, partition, start);
            stream.reader.start();
            return stream;
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /**
     * The batches of one epoch, in order; iterate to the end before asking for the next epoch. Iteration blocks
     * until batches arrive and throws {@link PairsUnavailableException} when the epoch's pairs are lost for good or
     * no record of the run comes for the timeout (half of it before, half after asking for the epoch again).
     */
    public Iterable<PairBatch> epoch(ModelRole phase, int epoch) {
        if (epochOpen) {
            throw new IllegalStateException("the previous epoch of run " + runId + " was not read to its end");
        }
        epochOpen = true;
        wanted.add(new EpochKey(phase, epoch));
        return () -> new Iterator<>() {
            private Item next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    next = take();
                }
                if (next instanceof EpochEnd) {
                    epochOpen = false;
                    return false;
                }
                return true;
            }

            @Override
            public PairBatch next() {
                if (!hasNext()) throw new NoSuchElementException("epoch " + epoch + " has no more batches");
                PairBatch batch = ((BatchItem) next).batch();
                next = null;
                return batch;
            }
        };
    }

    private Item take() {
        try {
            while (true) {
                Item item = ready.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
                if (item != null) {
                    return item;
                }
                if (failure != null) {
                    throw failure;
                }
                if (closed) {
                    throw new PairsUnavailableException("the pair stream of run " + runId + " is closed");
                }
                whileWaiting.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PairsUnavailableException("interrupted while waiting for pairs of run " + runId, e);
        }
    }

    private void readLoop() {
        try {
            while (!closed) {
                EpochKey key = wanted.take();
                readEpoch(key);
            }
        } catch (InterruptedException | WakeupException | InterruptException e) {
            // close() stops the reader this way.
        } catch (RuntimeException e) {
            failure = e instanceof PairsUnavailableException p ? p
                    : new PairsUnavailableException("reading pairs of run " + runId + " failed: " + e.getMessage(), e);
        } finally {
            // close() interrupts this thread; a Kafka client closed with the flag still set throws instead of closing.
            boolean interrupted = Thread.interrupted();
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (InterruptException e) {
                interrupted = true; // close() came while the consumer was closing after a failure
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void readEpoch(EpochKey key) throws InterruptedException {
        EpochAssembly assembly = new EpochAssembly(key);
        long lastProgress = System.nanoTime();
        while (!closed) {
            if (pending.isEmpty()) {
                poll(assembly);
            }
            boolean progressed = false;
            // Records after the end marker stay in `pending`: they belong to the next epoch the trainer asks for.
            while (!pending.isEmpty()) {
                ConsumerRecord<String, byte[]> record = pending.poll();
                if (!runId.equals(RecordHeaders.text(record.headers(), TrainPairsProtocol.HEADER_RUN))) {
                    continue;
                }
                // Any record of the run shows its epochs are being produced (this one may come after others).
                progressed = true;
                if (!isOfEpoch(record, key)) {
                    continue;
                }
                Header recordType = record.headers().lastHeader(TrainPairsProtocol.HEADER_RECORD_TYPE);
                if (TrainPairsProtocol.isEndOfEpoch(recordType == null ? null : recordType.value())) {
                    if (assembly.end(TrainPairsProtocol.decodePairCount(record.value()))) {
                        return;
                    }
                } else {
                    long position;
                    CleanNoisyPair pair;
                    try {
                        position = position(record);
                        pair = CleanNoisyPairCodec.decode(record.value());
                    } catch (BadInputException e) {
                        // One bad record must not fail the run; the epoch completes from the good copy of its
                        // position (or the timeout says which position never came).
                        deadLetters.reject(record, e);
                        continue;
                    }
                    requireViewSize("clean", pair.clean(), record);
                    requireViewSize("noisy", pair.noisy(), record);
                    assembly.add(position, pair);
                }
            }
            Duration silence = Duration.ofNanos(System.nanoTime() - lastProgress);
            if (progressed) {
                lastProgress = System.nanoTime();
            } else if (silence.compareTo(longestSilence()) > 0) {
                if (resent.contains(key)) {
                    throw new PairsUnavailableException(assembly.describe() + ": no record of the run arrived on "
                            + partition + " for " + silence.toSeconds() + " s after the epoch was asked for a second "
                            + "time (reader at offset " + committed + ", opened at " + startOffset + "): the "
                            + "augment-service is not producing it — is it running and consuming the runs topic? — or "
                            + "the requests were lost");
                }
                resendOnce(assembly, "no record of the run arrived for " + silence.toSeconds()
                        + " s (a lost request?)", false);
                lastProgress = System.nanoTime();
            }
        }
    }

    /**
     * How long the reader waits without a record of its run before it asks for the epoch again, and then before it
     * gives up: half the timeout each, so a lost request fails the run within the timeout.
     */
    private Duration longestSilence() {
        return timeout.dividedBy(2);
    }

    /**
     * Polls into {@code pending}; commits first, when nothing polled is left unread, so the committed offset is
     * always one the trainer has looked at everything before.
     */
    private void poll(EpochAssembly assembly) {
        long now = System.nanoTime();
        if (now - lastCommitNanos > COMMIT_EVERY_MS * 1_000_000) {
            long position = consumer.position(partition);
            if (position != committed) {
                consumer.commitAsync(Map.of(partition, new OffsetAndMetadata(position)), (offsets, e) -> {
                    if (e != null) LOG.debugf("run %s: committing the pairs position failed: %s", runId, e.getMessage());
                });
                committed = position;
            }
            lastCommitNanos = now;
        }
        try {
            consumer.poll(POLL).forEach(pending::add);
        } catch (OffsetOutOfRangeException e) {
            long from = e.offsetOutOfRangePartitions().getOrDefault(partition, committed);
            long logStart = consumer.beginningOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
            if (logStart <= from) {
                throw e; // past the end, not deleted: nothing a repeated epoch would heal
            }
            consumer.seek(partition, logStart);
            resendOnce(assembly, (logStart - from) + " records at " + partition + " offsets " + from + ".."
                    + (logStart - 1) + " were deleted by retention before they were read (log start offset now "
                    + logStart + "; train.pairs' retention.bytes must exceed the augment-service's lead, "
                    + "robust.augment.pairs.lead, times the pair size)", true);
        }
    }

    /** Asks for the epoch (and, after a deletion, the later ones) a second time, or fails when it was asked twice. */
    private void resendOnce(EpochAssembly assembly, String cause, boolean andLaterOnes) {
        EpochKey key = assembly.key;
        if (resent.contains(key)) {
            throw new PairsUnavailableException(assembly.describe() + ": " + cause + ", and the epoch had already "
                    + "been asked for a second time");
        }
        List<Integer> epochs = resend.requestAgain(key.phase(), key.epoch(), andLaterOnes);
        epochs.forEach(epoch -> resent.add(new EpochKey(key.phase(), epoch)));
        resent.add(key);
        LOG.warnf("%s: %s; asked the augment-service once more for %s epochs %s", assembly.describe(), cause,
                key.phase().id(), epochs);
    }

    private boolean isOfEpoch(ConsumerRecord<String, byte[]> record, EpochKey key) {
        return runId.equals(RecordHeaders.text(record.headers(), TrainPairsProtocol.HEADER_RUN))
                && key.phase().id().equals(RecordHeaders.text(record.headers(), TrainPairsProtocol.HEADER_PHASE))
                && Integer.toString(key.epoch()).equals(
                        RecordHeaders.text(record.headers(), TrainPairsProtocol.HEADER_EPOCH));
    }

    private long position(ConsumerRecord<String, byte[]> record) {
        String key = record.key();
        try {
            return Long.parseLong(key.substring(key.lastIndexOf('/') + 1));
        } catch (RuntimeException e) {
            throw new BadInputException("pair record at " + partition + "@" + record.offset()
                    + " has key '" + key + "', expected run/epoch/position");
        }
    }

    private void requireViewSize(String view, UInt8Image image, ConsumerRecord<String, byte[]> record) {
        if (image.height() != viewSize || image.width() != viewSize || image.channels() != 3) {
            throw new PairsUnavailableException("the " + view + " view of pair " + record.key() + " is "
                    + image.height() + "x" + image.width() + "x" + image.channels() + ", but run " + runId
                    + " trains on " + viewSize + "x" + viewSize + "x3 (augment.crop)");
        }
    }

    /** Collects one epoch's pairs into batches and hands them to the trainer. */
    private final class EpochAssembly {
        private final EpochKey key;
        private final BitSet seen = new BitSet();
        /** The pair count of the epoch's end marker, once one arrived; -1 before. */
        private long expected = -1;
        private final int imageBytes = viewSize * viewSize * 3;
        private byte[] clean;
        private byte[] noisy;
        private int[] labels;
        private int filled;

        EpochAssembly(EpochKey key) {
            this.key = key;
        }

        void add(long position, CleanNoisyPair pair) throws InterruptedException {
            if (position < 0 || position > Integer.MAX_VALUE || seen.get((int) position)) {
                return;
            }
            seen.set((int) position);
            if (clean == null) {
                clean = new byte[batchSize * imageBytes];
                noisy = new byte[batchSize * imageBytes];
                labels = new int[batchSize];
            }
            System.arraycopy(pair.clean().data(), 0, clean, filled * imageBytes, imageBytes);
            System.arraycopy(pair.noisy().data(), 0, noisy, filled * imageBytes, imageBytes);
            labels[filled++] = pair.label();
            if (filled == batchSize) {
                flush();
            }
        }

        /**
         * True when the epoch is complete; false when this marker closed an incomplete copy and another copy is on
         * its way (asked for here, once, if it was not yet).
         */
        boolean end(long pairs) throws InterruptedException {
            expected = pairs;
            if (seen.cardinality() < pairs) {
                int markers = incompleteMarkers.merge(key, 1, Integer::sum);
                String cause = "the end marker counts " + pairs + " pairs, but " + seen.cardinality()
                        + " of them arrived (a copy begun before this stream opened, or records lost)";
                if (resent.contains(key) && markers < 2) {
                    LOG.warnf("%s: %s; waiting for the copy asked for again", describe(), cause);
                } else {
                    resendOnce(this, cause, false);
                }
                return false;
            }
            flush();
            ready.put(new EpochEnd(pairs));
            return true;
        }

        /** Run, phase, epoch and the pairs read so far, for log lines and failure reasons. */
        String describe() {
            return "run " + runId + " " + key.phase().id() + " epoch " + key.epoch() + " (" + seen.cardinality()
                    + (expected < 0 ? "" : " of " + expected) + " pairs read)";
        }

        private void flush() throws InterruptedException {
            if (filled == 0) {
                return;
            }
            int size = filled;
            byte[] cleanPixels = size == batchSize ? clean : Arrays.copyOf(clean, size * imageBytes);
            byte[] noisyPixels = size == batchSize ? noisy : Arrays.copyOf(noisy, size * imageBytes);
            int[] batchLabels = size == batchSize ? labels : Arrays.copyOf(labels, size);
            ready.put(new BatchItem(new PairBatch(
                    new Batch(cleanPixels, batchLabels, size, viewSize, viewSize, 3),
                    new Batch(noisyPixels, batchLabels, size, viewSize, viewSize, 3))));
            clean = null;
            noisy = null;
            labels = null;
            filled = 0;
        }
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        reader.interrupt();
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
