package dev.robust.eval.messaging;

import dev.robust.checkpoint.CheckpointStores;
import dev.robust.common.BadInputException;
import dev.robust.common.checkpoint.CheckpointStore;
import dev.robust.common.event.CheckpointCreated;
import dev.robust.common.event.Event;
import dev.robust.common.event.EventCodec;
import dev.robust.common.event.InvalidEventException;
import dev.robust.common.topic.Topics;
import dev.robust.eval.config.EvalConfig;
import dev.robust.eval.metrics.ScoringMetrics;
import dev.robust.eval.scoring.CheckpointEvaluator;
import dev.robust.eval.scoring.Evaluation;
import dev.robust.eval.scoring.ScoringPlan;
import dev.robust.service.messaging.DeadLetterPublisher;
import dev.robust.service.messaging.EventPublisher;
import dev.robust.service.messaging.KafkaClients;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Takes checkpoints from {@code model.checkpoints} one at a time and scores them.
 *
 * <p>Replicas share one consumer group, so each partition of {@code model.checkpoints} (and every checkpoint on
 * it) belongs to one replica; the topic gets {@code eval.checkpoint-partitions} partitions at start-up, and the
 * trainer places claim checks so that replicas share a run's checkpoints ({@code CheckpointPartitions}). A sweep
 * takes minutes to hours, far longer than a consumer may go without polling, so the evaluation runs on a worker
 * thread while this loop keeps polling with its partitions paused. The offset is committed only when the summary is
 * out: a replica that dies mid-sweep leaves the checkpoint to the next owner of its partition, which re-publishes
 * under the same keys.
 */
@ApplicationScoped
public class CheckpointConsumer {
    private static final Logger LOG = Logger.getLogger(CheckpointConsumer.class);
    /** Pause before retrying a checkpoint whose sweep failed for a reason outside it (e.g. the broker was away). */
    private static final Duration RETRY_DELAY = Duration.ofSeconds(5);

    private final KafkaClients clients;
    private final EventPublisher events;
    private final PredictionPublisher predictions;
    private final DeadLetterPublisher deadLetters;
    private final EvalConfig config;
    private final ScoringPlan plan;
    private final ScoringMetrics metrics;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            runnable -> new Thread(runnable, "eval-scoring"));
    private static final Duration WAITING_EVERY = Duration.ofSeconds(5);
    private volatile boolean running = true;
    /** When the backlog was last counted; touched by the poll loop only. */
    private long waitingCountedAt = System.nanoTime() - WAITING_EVERY.toNanos();
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread loop;

    CheckpointConsumer(KafkaClients clients, EventPublisher events, PredictionPublisher predictions,
                       DeadLetterPublisher deadLetters, EvalConfig config, ScoringPlan plan,
                       ScoringMetrics metrics) {
        this.metrics = metrics;
        this.clients = clients;
        this.events = events;
        this.predictions = predictions;
        this.deadLetters = deadLetters;
        this.config = config;
        this.plan = plan;
    }

    void start(@Observes StartupEvent startup) {
        loop = new Thread(this::pollLoop, "eval-checkpoints");
        loop.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) current.wakeup();
        worker.shutdownNow();
        if (loop != null) loop.join(Duration.ofSeconds(10).toMillis());
    }

    /** False once the poll loop has ended other than by shutdown; nothing is scored any more. */
    public boolean alive() {
        return loop == null || loop.isAlive() || !running;
    }

    private void pollLoop() {
        CheckpointStore store = CheckpointStores.open(config.checkpointStore());
        try {
            // Before subscribing: a subscription to a missing topic lets the broker create it with one partition.
            CheckpointTopic.ensurePartitions(clients.admin(), config.checkpointPartitions());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (KafkaException e) {
            LOG.warnf("could not check the partitions of %s: %s", Topics.MODEL_CHECKPOINTS, e.getMessage());
        }
        // Round robin: consecutive partitions (where CheckpointPartitions puts waiting epoch checkpoints) go to
        // different replicas.
        try (KafkaConsumer<byte[], byte[]> checkpoints = clients.groupMember(KafkaClients.BYTE_KEYS,
                config.consumerGroup(), 1, KafkaClients.Assignment.ROUND_ROBIN);
             KafkaConsumer<byte[], byte[]> data = clients.reader(KafkaClients.BYTE_KEYS, 1000, false)) {
            consumer = checkpoints;
            CheckpointEvaluator evaluator = new CheckpointEvaluator(store, data, deadLetters::reject, plan,
                    config.pollTimeout(), metrics);
            InFlight inFlight = new InFlight();
            metrics.watchLag(config.consumerGroup(), Topics.MODEL_CHECKPOINTS, checkpoints);
            checkpoints.subscribe(List.of(Topics.MODEL_CHECKPOINTS), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    // A checkpoint in flight is finished anyway: its results carry the same keys whoever publishes
                    // them, and the commit that follows fails harmlessly (see commit()).
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    // Newly assigned partitions start unpaused; while busy, take nothing more.
                    if (inFlight.busy()) checkpoints.pause(partitions);
                }
            });
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : checkpoints.poll(config.pollTimeout())) {
                    checkpoints.pause(checkpoints.assignment());
                    inFlight.start(record, worker.submit(() -> process(record, evaluator)));
                }
                if (inFlight.done()) finish(checkpoints, inFlight);
                countWaiting(checkpoints);
            }
        } catch (WakeupException e) {
            // Shutdown.
        } catch (RuntimeException e) {
            LOG.error("the checkpoint consumer stopped", e);
        }
    }

    /** Scores one checkpoint record on the worker thread; returns normally when its offset may be committed. */
    private Void process(ConsumerRecord<byte[], byte[]> record, CheckpointEvaluator evaluator) {
        Event event;
        try {
            event = EventCodec.decode(record.headers(), record.value());
            if (!(event instanceof CheckpointCreated)) {
                throw new InvalidEventException("expected a checkpoint event on " + record.topic() + ", got "
                        + event.getClass().getSimpleName());
            }
        } catch (BadInputException e) {
            deadLetters.reject(record, e);
            return null;
        }
        CheckpointCreated checkpoint = (CheckpointCreated) event;
        LOG.infof("scoring checkpoint %s (%s, %s, engine %s)", checkpoint.checkpointId(), checkpoint.modelName(),
                checkpoint.model(), checkpoint.engine());
        long start = System.nanoTime();
        Evaluation evaluation = evaluator.evaluate(checkpoint, events::publish, predictions);
        events.publish(evaluation.summary());
        metrics.sweepDone(evaluation.summary().status(), Duration.ofNanos(System.nanoTime() - start));
        evaluation.rejection().ifPresent(reason -> deadLetters.reject(record, new InvalidEventException(reason)));
        LOG.infof("checkpoint %s: %s, clean top-1 %s, C-sev5 %s, C-all %s", checkpoint.checkpointId(),
                evaluation.summary().status(), evaluation.summary().cleanTop1(), evaluation.summary().cSev5(),
                evaluation.summary().cAll());
        return null;
    }

    /**
     * The backlog gauge: end offsets minus positions on the assigned partitions, asked of the broker at most every
     * {@link #WAITING_EVERY} (the partitions are paused while scoring, so the fetched lag would go stale).
     */
    private void countWaiting(KafkaConsumer<byte[], byte[]> checkpoints) {
        if (System.nanoTime() - waitingCountedAt < WAITING_EVERY.toNanos()) return;
        waitingCountedAt = System.nanoTime();
        Set<TopicPartition> assigned = checkpoints.assignment();
        long waiting = 0;
        for (Map.Entry<TopicPartition, Long> end : checkpoints.endOffsets(assigned).entrySet()) {
            waiting += Math.max(0, end.getValue() - checkpoints.position(end.getKey()));
        }
        metrics.waiting(waiting);
    }

    private void finish(KafkaConsumer<byte[], byte[]> checkpoints, InFlight inFlight) {
        ConsumerRecord<byte[], byte[]> record = inFlight.record;
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try {
            inFlight.future.get();
            // A partition that moved meanwhile is its new owner's to commit (it scores the checkpoint again). One
            // that came back after a rebalance restarts at the committed offset: skip the checkpoint just scored.
            if (checkpoints.assignment().contains(partition)) {
                commit(checkpoints, partition, record.offset() + 1);
                if (checkpoints.position(partition) <= record.offset()) checkpoints.seek(partition, record.offset() + 1);
            }
        } catch (ExecutionException e) {
            LOG.errorf(e.getCause(), "scoring %s[%d]@%d failed; retrying in %s", record.topic(), record.partition(),
                    record.offset(), RETRY_DELAY);
            if (checkpoints.assignment().contains(partition)) checkpoints.seek(partition, record.offset());
            sleep(RETRY_DELAY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
        inFlight.clear();
        checkpoints.resume(checkpoints.assignment());
    }

    private static void commit(KafkaConsumer<byte[], byte[]> checkpoints, TopicPartition partition, long offset) {
        try {
            checkpoints.commitSync(Map.of(partition, new OffsetAndMetadata(offset)));
        } catch (KafkaException e) {
            // The partition moved to another replica meanwhile; it scores the checkpoint again under the same keys.
            LOG.warnf("could not commit %s@%d (%s); the partition's next owner re-scores it", partition, offset,
                    e.getMessage());
        }
    }

    private void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** The checkpoint being scored, if any; touched by the poll loop only. */
    private static final class InFlight {
        private ConsumerRecord<byte[], byte[]> record;
        private Future<Void> future;

        void start(ConsumerRecord<byte[], byte[]> record, Future<Void> future) {
            this.record = record;
            this.future = future;
        }

        boolean busy() {
            return future != null;
        }

        boolean done() {
            return future != null && future.isDone();
        }

        void clear() {
            record = null;
            future = null;
        }
    }
}
