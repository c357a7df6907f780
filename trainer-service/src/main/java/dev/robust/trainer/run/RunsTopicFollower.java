package dev.robust.trainer.run;

import dev.robust.common.event.Event;
import dev.robust.common.event.EventCodec;
import dev.robust.common.event.InvalidEventException;
import dev.robust.common.event.RunEvent;
import dev.robust.common.topic.Topics;
import dev.robust.service.messaging.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the whole {@code runs} topic from the beginning, outside any consumer group, and folds every event into the
 * {@link RunBoard}. It is how each replica knows all runs, and how a replica learns that a run it holds was
 * cancelled elsewhere.
 */
public final class RunsTopicFollower implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RunsTopicFollower.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration TOPIC_WAIT = Duration.ofMinutes(5);

    private final KafkaConsumer<String, byte[]> consumer;
    private final RunBoard board;
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean closed;

    public RunsTopicFollower(KafkaClients kafka, RunBoard board) {
        this.consumer = kafka.reader(KafkaClients.TEXT_KEYS, 500, true);
        this.board = board;
        this.thread = new Thread(this::follow, "runs-follower");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Waits until the board has folded in every event before {@code offsets}; false on timeout. */
    public boolean awaitPositions(Map<TopicPartition, Long> offsets, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (offsets.entrySet().stream().allMatch(e -> positions.getOrDefault(e.getKey(), 0L) >= e.getValue())) {
                return true;
            }
            Thread.sleep(POLL.toMillis() / 2);
        }
        return false;
    }

    private void follow() {
        try {
            List<TopicPartition> partitions = KafkaClients.awaitPartitions(consumer, Topics.RUNS, TOPIC_WAIT);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!closed) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    fold(record);
                }
                for (TopicPartition partition : partitions) {
                    positions.put(partition, consumer.position(partition));
                }
            }
        } catch (WakeupException e) {
            // close() stops the follower this way.
        } catch (RuntimeException e) {
            LOG.error("the runs topic follower stopped; GET /runs and cancellation no longer see new events", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void fold(ConsumerRecord<String, byte[]> record) {
        try {
            Event event = EventCodec.decode(record.headers(), record.value());
            if (event instanceof RunEvent runEvent) {
                board.apply(runEvent);
            }
        } catch (InvalidEventException e) {
            LOG.warnf("skipping %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
