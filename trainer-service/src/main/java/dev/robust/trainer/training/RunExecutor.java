package dev.robust.trainer.training;

import dev.robust.checkpoint.CheckpointStores;
import dev.robust.common.checkpoint.CheckpointStore;
import dev.robust.common.event.AugmentationConfig;
import dev.robust.common.event.Provenance;
import dev.robust.common.event.RunFailed;
import dev.robust.common.event.RunFinished;
import dev.robust.common.event.RunRequested;
import dev.robust.common.event.RunStarted;
import dev.robust.common.profile.RunProfile;
import dev.robust.engine.Engine;
import dev.robust.service.messaging.DeadLetterPublisher;
import dev.robust.trainer.checkpoint.JournalEntry;
import dev.robust.trainer.checkpoint.RunJournal;
import dev.robust.trainer.checkpoint.RunOutcomes;
import dev.robust.trainer.config.TrainerConfig;
import dev.robust.service.messaging.EventPublisher;
import dev.robust.service.messaging.KafkaClients;
import dev.robust.trainer.pairs.EpochRequests;
import dev.robust.trainer.pairs.PairStream;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one requested run to its end on the calling thread: teacher, then student, continuing after whatever
 * checkpoints an earlier attempt left in the store. It publishes {@code RunStarted}, then concludes with
 * {@code RunFinished} or {@code RunFailed} through {@link RunOutcomes} (recorded in the store first, so the end is
 * not lost while the broker is down); a {@link RunStoppedException} (cancelled, or handed to another replica) ends
 * it silently.
 */
public final class RunExecutor {
    private static final Logger LOG = Logger.getLogger(RunExecutor.class);

    private final Engine engine;
    private final KafkaClients kafka;
    private final DeadLetterPublisher deadLetters;
    private final EventPublisher publisher;
    private final TrainerConfig config;
    private final RunOutcomes outcomes;
    private final TrainingMetrics metrics;

    /** @param engine the engine of this run (the request's, or the trainer's default) */
    public RunExecutor(Engine engine, KafkaClients kafka, DeadLetterPublisher deadLetters, EventPublisher publisher,
                       TrainerConfig config, RunOutcomes outcomes, TrainingMetrics metrics) {
        this.metrics = metrics;
        this.engine = engine;
        this.kafka = kafka;
        this.deadLetters = deadLetters;
        this.publisher = publisher;
        this.config = config;
        this.outcomes = outcomes;
    }

    /** An executor whose run ends are recorded in {@code config}'s checkpoint store. */
    public RunExecutor(Engine engine, KafkaClients kafka, DeadLetterPublisher deadLetters, EventPublisher publisher,
                       TrainerConfig config, TrainingMetrics metrics) {
        this(engine, kafka, deadLetters, publisher, config, new RunOutcomes(config.checkpointStore(), publisher),
                metrics);
    }

    public void execute(RunRequested request, RunControl control) {
        String runId = request.runId();
        AtomicReference<RunProgress> position = new AtomicReference<>();
        RunControl tracking = new RunControl() {
            @Override
            public void checkContinue() {
                control.checkContinue();
            }

            @Override
            public void onProgress(RunProgress progress) {
                position.set(progress);
                control.onProgress(progress);
            }
        };
        metrics.runStarted();
        String outcome = "failed";
        try {
            train(request, tracking);
            outcome = "finished";
        } catch (RunStoppedException e) {
            outcome = "stopped";
            LOG.infof("run %s stopped: %s", runId, e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            // Interrupted by a cancellation or a hand-over, a wait fails with whatever the waiting call throws.
            outcome = "stopped";
            tracking.checkContinue();
            outcome = "failed";
            RunProgress at = position.get();
            LOG.errorf(e, "run %s failed", runId);
            outcomes.conclude(new RunFailed(runId, describe(e), at == null ? null : at.phase(),
                    at == null ? null : at.epoch()));
        } finally {
            metrics.runEnded(outcome);
        }
    }

    private void train(RunRequested request, RunControl control) {
        String runId = request.runId();
        RunProfile profile = RunProfile.named(request.profile()).withOverrides(request.overrides());
        // The default engine passed this check at start-up; another one a run names is checked on first use.
        LOG.infof("run %s trains with engine %s (%s)", runId, engine.name(), engine.backend());
        try (CheckpointStore store = CheckpointStores.open(config.checkpointStore())) {
            train(request, control, profile,
                    new RunJournal(store, engine, runId, Provenance.trainer(profile.name(), profile.seed())));
        }
    }

    private void train(RunRequested request, RunControl control, RunProfile profile, RunJournal journal) {
        String runId = request.runId();
        ValidationSet validation = ValidationSet.read(kafka, deadLetters, profile.valExamples(), profile.crop(),
                config.validationTimeout(), control::checkContinue);
        control.checkContinue();
        publisher.publish(new RunStarted(runId, profile.name(), validation.datasetLabel(), profile.seed()));
        // Opened before the first request, so the stream starts where this attempt's pairs will begin.
        EpochRequests requests = new EpochRequests(publisher, runId, profile.trainExamples(), augmentation(profile),
                config.lookAhead());
        try (PairStream pairs = PairStream.open(kafka, deadLetters, runId, profile.batchSize(), profile.crop(),
                config.batchesInMemory(), config.pairsTimeout(), control::checkContinue, requests::requestAgain)) {
            RunContext run = new RunContext(runId, profile, engine, publisher, pairs, requests, validation, journal,
                    control, metrics);
            TeacherPhase.Result teacher = new TeacherPhase(run).train();
            JournalEntry student = new StudentPhase(run).train(teacher.model());
            outcomes.conclude(new RunFinished(runId, teacher.checkpoint().checkpoint().checkpointId(),
                    student.checkpoint().checkpointId(),
                    teacher.raw().map(raw -> raw.checkpoint().checkpointId()).orElse(null)));
            LOG.infof("run %s finished: teacher %s (val_accuracy %.4f), student %s (val_accuracy %.4f)", runId,
                    teacher.checkpoint().checkpoint().checkpointId(), teacher.checkpoint().metrics().valAccuracy(),
                    student.checkpoint().checkpointId(), student.metrics().valAccuracy());
        }
    }

    static AugmentationConfig augmentation(RunProfile profile) {
        return new AugmentationConfig(profile.resize(), profile.crop(), profile.horizontalFlip(),
                profile.randAugmentLayers(), profile.randAugmentMagnitude(), profile.randAugmentGeometry());
    }

    /** The reason a user reads in {@code RunFailed}: the message, which carries the context, and its kind. */
    private static String describe(RuntimeException e) {
        String message = e.getMessage() == null ? "(no message)" : e.getMessage();
        return e.getClass().getSimpleName() + ": " + message;
    }
}
