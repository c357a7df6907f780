package dev.robust.trainer.run;

import dev.robust.common.event.Event;
import dev.robust.common.event.EventCodec;
import dev.robust.common.event.InvalidEventException;
import dev.robust.common.event.RunFailed;
import dev.robust.common.event.RunRequested;
import dev.robust.common.topic.ConsumerLag;
import dev.robust.common.topic.Topics;
import dev.robust.engine.Engine;
import dev.robust.service.messaging.DeadLetterPublisher;
import dev.robust.trainer.checkpoint.RunOutcomes;
import dev.robust.trainer.config.AvailableEngines;
import dev.robust.trainer.config.InstanceId;
import dev.robust.trainer.config.TrainerConfig;
import dev.robust.service.messaging.EventPublisher;
import dev.robust.service.messaging.KafkaClients;
import dev.robust.trainer.training.RunControl;
import dev.robust.trainer.training.RunExecutor;
import dev.robust.trainer.training.RunProgress;
import dev.robust.trainer.training.RunStoppedException;
import dev.robust.trainer.training.TrainingMetrics;
import io.micrometer.core.instrument.MeterRegistry;
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
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Takes run requests from the {@code runs} topic, one at a time, in the trainers' consumer group: while a run
 * trains, the consumer is paused (and keeps polling, so it stays in the group), and the request's offset is
 * committed only when the run has ended. A trainer that dies leaves its request uncommitted, so the group hands it
 * to the next trainer, which resumes it from the checkpoint store. N replicas therefore train up to N runs, as many
 * as the requests' partitions allow.
 */
@ApplicationScoped
public class RunDispatcher {
    private static final Logger LOG = Logger.getLogger(RunDispatcher.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration FOLLOWER_CATCH_UP = Duration.ofSeconds(30);
    private static final long HAND_OVER_WAIT_SECONDS = 120;

    private final TrainerConfig config;
    private final KafkaClients kafka;
    private final DeadLetterPublisher deadLetters;
    private final RunBoard board;
    private final AvailableEngines engines;
    private final EventPublisher publisher;
    private final RunOutcomes outcomes;
    private final TrainingMetrics metrics;
    private final MeterRegistry registry;
    private final String instanceId;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> new Thread(r, "run-executor"));
    private RunsTopicFollower follower;
    private Thread thread;
    private volatile boolean closed;
    private volatile ActiveRun active;

    /** The run this replica trains, where its request sits, and why it might have to stop. */
    private static final class ActiveRun {
        final RunRequested request;
        final TopicPartition partition;
        final long offset;
        Future<?> future;
        volatile boolean handedOver;

        ActiveRun(RunRequested request, TopicPartition partition, long offset) {
            this.request = request;
            this.partition = partition;
            this.offset = offset;
        }
    }

    RunDispatcher(TrainerConfig config, KafkaClients kafka, DeadLetterPublisher deadLetters, RunBoard board,
                  AvailableEngines engines, EventPublisher publisher, RunOutcomes outcomes, @InstanceId String instanceId,
                  TrainingMetrics metrics, MeterRegistry registry) {
        this.metrics = metrics;
        this.registry = registry;
        this.config = config;
        this.kafka = kafka;
        this.deadLetters = deadLetters;
        this.board = board;
        this.engines = engines;
        this.publisher = publisher;
        this.outcomes = outcomes;
        this.instanceId = instanceId;
    }

    void start(@Observes StartupEvent startup) {
        engines.defaultEngine().backend();
        follower = new RunsTopicFollower(kafka, board);
        follower.start();
        thread = new Thread(this::dispatch, "run-dispatcher");
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        ActiveRun run = active;
        // Marked before closed: whatever sees the shutdown sees the hand-over too, and never commits the request.
        if (run != null) run.handedOver = true;
        closed = true;
        runner.shutdown();
        try {
            if (thread != null) thread.join(TimeUnit.SECONDS.toMillis(HAND_OVER_WAIT_SECONDS));
            runner.awaitTermination(HAND_OVER_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (follower != null) follower.close();
    }

    private void dispatch() {
        try (KafkaConsumer<String, byte[]> consumer = kafka.groupMember(KafkaClients.TEXT_KEYS, config.groupId(), 1,
                KafkaClients.Assignment.COOPERATIVE_STICKY)) {
            consumer.subscribe(List.of(Topics.RUNS), new HandOver(consumer));
            ConsumerLag.watch(registry, config.groupId(), Topics.RUNS, consumer);
            while (!closed) {
                ActiveRun run = active;
                if (run != null) {
                    consumer.poll(POLL);
                    stopIfCancelled(run);
                    if (run.future.isDone()) {
                        finish(consumer, run);
                    }
                    continue;
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    take(consumer, record);
                }
            }
            ActiveRun run = active;
            if (run != null) {
                // Shutting down: the run stops at its next batch; its request stays uncommitted for the next trainer.
                run.handedOver = true;
                waitFor(run);
            }
        } catch (WakeupException e) {
            // Only close() wakes the consumer.
        } catch (RuntimeException e) {
            LOG.error("the run dispatcher stopped; this replica takes no more runs", e);
        }
    }

    private void take(KafkaConsumer<String, byte[]> consumer, ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        RunRequested request = requestIn(record);
        if (request == null) {
            commit(consumer, partition, record.offset());
            return;
        }
        try {
            // A cancellation may already be further down the topic: let the board see it before deciding.
            Map<TopicPartition, Long> end = consumer.endOffsets(List.of(partition));
            if (!follower.awaitPositions(end, FOLLOWER_CATCH_UP)) {
                LOG.warnf("the runs follower is behind; deciding on run %s with what it has seen", request.runId());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        // The board knows ends that reached the topic; the store also knows those still waiting to be published.
        if (board.hasEnded(request.runId()) || outcomes.hasEnded(request.runId())) {
            LOG.infof("run %s has already ended; skipping its request", request.runId());
            commit(consumer, partition, record.offset());
            return;
        }
        LOG.infof("taking run %s (profile %s) from %s@%d", request.runId(), request.profile(), partition,
                record.offset());
        consumer.pause(consumer.assignment());
        ActiveRun run = new ActiveRun(request, partition, record.offset());
        Optional<Engine> engine = engines.forRun(request);
        if (engine.isPresent()) {
            RunExecutor executor = new RunExecutor(engine.get(), kafka, deadLetters, publisher, config, outcomes,
                    metrics);
            run.future = runner.submit(() -> executor.execute(request, control(run)));
        } else {
            // Accepted by a replica with another class path: this one cannot train it, and says why.
            RunFailed failed = new RunFailed(request.runId(), "engine '" + request.engine() + "' is not on the class "
                    + "path of trainer " + instanceId + "; available: " + engines.names(), null, null);
            run.future = runner.submit(() -> outcomes.conclude(failed));
        }
        active = run;
    }

    /**
     * A cancelled run stops at its next check anyway; the interrupt frees the executor at once when the run waits
     * (for the broker, for images), so the next request does not queue behind it.
     */
    private void stopIfCancelled(ActiveRun run) {
        if (!run.future.isDone() && board.view(run.request.runId())
                .filter(view -> view.status() == RunStatus.CANCELLED).isPresent()) {
            LOG.infof("run %s was cancelled; interrupting it", run.request.runId());
            run.future.cancel(true);
        }
    }

    /**
     * Commits the request of a run that has ended. Not after a shutdown began: a run stopped by it has not ended,
     * and its request must stay for the trainer that resumes it (a run that ended just then is skipped there).
     */
    private void finish(KafkaConsumer<String, byte[]> consumer, ActiveRun run) {
        active = null;
        if (!run.handedOver && !closed) {
            commit(consumer, run.partition, run.offset);
        }
        consumer.resume(consumer.paused());
    }

    /**
     * Commits past {@code offset}. A failed commit (broker unreachable) is not fatal: the request then comes back
     * after a rebalance or restart, and is skipped because its run's end is recorded.
     */
    private static void commit(KafkaConsumer<String, byte[]> consumer, TopicPartition partition, long offset) {
        try {
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(offset + 1)));
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.warnf("cannot commit %s@%d (%s); the request will be seen again and skipped", partition, offset,
                    e.getMessage());
        }
    }

    private RunControl control(ActiveRun run) {
        String runId = run.request.runId();
        return new RunControl() {
            @Override
            public void checkContinue() {
                if (run.handedOver || closed) {
                    run.handedOver = true;
                    throw new RunStoppedException("run " + runId + " is handed to another trainer");
                }
                if (board.hasEnded(runId)) {
                    throw new RunStoppedException("run " + runId + " was cancelled");
                }
            }

            @Override
            public void onProgress(RunProgress progress) {
                board.progress(runId, progress, instanceId);
            }
        };
    }

    private static RunRequested requestIn(ConsumerRecord<String, byte[]> record) {
        try {
            Event event = EventCodec.decode(record.headers(), record.value());
            return event instanceof RunRequested request ? request : null;
        } catch (InvalidEventException e) {
            LOG.warnf("skipping %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
            return null;
        }
    }

    private void waitFor(ActiveRun run) {
        try {
            run.future.get(HAND_OVER_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (!(e.getCause() instanceof RunStoppedException)) {
                LOG.warnf("run %s did not stop cleanly: %s", run.request.runId(), e.getMessage());
            }
        }
    }

    /** Stops the local run when the group moves its request's partition to another replica. */
    private final class HandOver implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> consumer;

        HandOver(KafkaConsumer<String, byte[]> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            ActiveRun run = active;
            if (run != null && partitions.contains(run.partition)) {
                LOG.infof("partition %s moves to another trainer; stopping run %s so it resumes there",
                        run.partition, run.request.runId());
                run.handedOver = true;
                waitFor(run);
                active = null;
                consumer.resume(consumer.paused());
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (active != null) {
                consumer.pause(partitions);
            }
        }
    }
}
