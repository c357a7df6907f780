package dev.robust.eval.scoring;

import dev.robust.common.BadInputException;
import dev.robust.common.checkpoint.CheckpointStore;
import dev.robust.common.checkpoint.CheckpointStoreException;
import dev.robust.common.corruption.Corruption;
import dev.robust.common.event.CheckpointCreated;
import dev.robust.common.event.EvaluationResult;
import dev.robust.common.event.Comparison;
import dev.robust.common.event.EvaluationSummary;
import dev.robust.common.event.ModelRole;
import dev.robust.common.prediction.ModelPredictions;
import dev.robust.common.prediction.Predictions;
import dev.robust.common.prediction.SlicePredictions;
import dev.robust.common.topic.Topics;
import dev.robust.engine.Engine;
import dev.robust.engine.Engines;
import dev.robust.eval.onnx.OnnxClassifier;
import dev.robust.eval.onnx.OnnxFormat;
import dev.robust.engine.Classifier;
import org.apache.kafka.clients.consumer.Consumer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Scores one checkpoint: verifies it against its claim check, loads it with the engine the event names (an imported
 * ONNX model with ONNX Runtime), and sweeps
 * the clean test topic and every configured {@code cifar10c.*} topic that exists. Each result (and before it the
 * slice's per-image predictions) goes to its sink as soon as it is known; the summary covers them all. A checkpoint that cannot be used yields one failed result and
 * no scores.
 */
public final class CheckpointEvaluator {
    private static final Logger LOG = Logger.getLogger(CheckpointEvaluator.class);

    private final CheckpointStore store;
    private final Consumer<byte[], byte[]> dataConsumer;
    private final TopicScorer scorer;
    private final FinalTeachers finalTeachers;
    private final ScoringPlan plan;
    private final SliceObserver slices;

    /**
     * @param dataConsumer a consumer with no group, used only by this evaluator (it is reassigned per topic)
     */
    public CheckpointEvaluator(CheckpointStore store, Consumer<byte[], byte[]> dataConsumer,
                               DeadLetterSink deadLetters, ScoringPlan plan, Duration pollTimeout) {
        this(store, dataConsumer, deadLetters, plan, pollTimeout, SliceObserver.NONE);
    }

    /** As above, telling {@code slices} of every topic pass. */
    public CheckpointEvaluator(CheckpointStore store, Consumer<byte[], byte[]> dataConsumer,
                               DeadLetterSink deadLetters, ScoringPlan plan, Duration pollTimeout,
                               SliceObserver slices) {
        this.slices = slices;
        this.store = store;
        this.dataConsumer = dataConsumer;
        TopicSweep sweep = new TopicSweep(dataConsumer, pollTimeout);
        this.scorer = new TopicScorer(sweep, deadLetters, plan.batchSize());
        this.finalTeachers = new FinalTeachers(sweep, deadLetters);
        this.plan = plan;
    }

    /**
     * Scores {@code checkpoint}: each slice's predictions go to {@code predictionSink}, then its result to
     * {@code sink}. A final student's summary also compares it with each final teacher of its run whose predictions
     * are on {@code evaluation.predictions} by then.
     */
    public Evaluation evaluate(CheckpointCreated checkpoint, ResultSink sink, PredictionSink predictionSink) {
        Classifier model;
        try {
            model = load(checkpoint);
        } catch (CheckpointStoreException | IllegalArgumentException | BadInputException e) {
            String reason = "checkpoint " + checkpoint.checkpointId() + " rejected: " + e.getMessage();
            LOG.warn(reason);
            EvaluationResult failed = failed(checkpoint, EvaluationResult.CLEAN, 0, reason);
            sink.accept(failed);
            return new Evaluation(EvaluationSummary.of(List.of(failed)), Optional.of(reason));
        }

        try {
            return sweep(checkpoint, model, sink, predictionSink);
        } finally {
            // An ONNX Runtime session holds native memory until closed; engine models are left to the collector.
            if (model instanceof AutoCloseable closeable) closeQuietly(closeable);
        }
    }

    private Evaluation sweep(CheckpointCreated checkpoint, Classifier model, ResultSink sink,
                             PredictionSink predictionSink) {
        List<EvaluationResult> results = new ArrayList<>();
        ResultSink collecting = result -> {
            results.add(result);
            sink.accept(result);
        };
        Map<String, Predictions> severity5 = new HashMap<>();
        Set<String> topics = dataConsumer.listTopics().keySet();
        Predictions clean = scoreClean(checkpoint, model, topics, collecting, predictionSink);
        List<String> absent = new ArrayList<>();
        for (Corruption corruption : plan.corruptions()) {
            String topic = Topics.cifar10c(corruption);
            if (!topics.contains(topic)) {
                // Not a failure of this checkpoint: the summary lists the corruption under "missing".
                absent.add(topic);
                continue;
            }
            long start = System.nanoTime();
            Map<Integer, SliceCounts> counts = scorer.scoreCorrupted(model, topic, plan.severities(),
                    plan.imagesPerSeverity(checkpoint));
            slices.scored(counts.values().stream().mapToLong(SliceCounts::total).sum(),
                    Duration.ofNanos(System.nanoTime() - start));
            if (counts.values().stream().allMatch(slice -> slice.total() == 0)) {
                // Created but never filled (services create all 19 topics up front): as good as absent.
                absent.add(topic);
                continue;
            }
            counts.forEach((severity, slice) ->
                    publish(checkpoint, corruption.id(), severity, slice, topic, collecting, predictionSink));
            SliceCounts worst = counts.get(Corruption.MAX_SEVERITY);
            if (worst != null && worst.total() > 0) severity5.put(corruption.id(), worst.predictions());
        }
        if (!absent.isEmpty()) {
            LOG.warnf("checkpoint %s: %d corruption topics are absent or empty and are reported missing: %s",
                    checkpoint.checkpointId(), absent.size(), String.join(", ", absent));
        }
        EvaluationSummary summary = EvaluationSummary.of(results, plan.corruptions(), plan.severities());
        if (checkpoint.role() == ModelRole.STUDENT && checkpoint.finalCheckpoint()) {
            ModelPredictions student = new ModelPredictions(checkpoint.checkpointId(), checkpoint.modelName(), clean,
                    severity5);
            List<Comparison> comparisons = new ArrayList<>();
            for (ModelPredictions teacher : finalTeachers.of(checkpoint.runId(), topics)) {
                comparisons.addAll(student.compareWith(teacher));
            }
            if (comparisons.isEmpty()) {
                LOG.warnf("final student %s: no final teacher of run %s has predictions yet; its summary has no "
                        + "comparisons", checkpoint.checkpointId(), checkpoint.runId());
            }
            summary = summary.withComparisons(comparisons);
        }
        return new Evaluation(summary, Optional.empty());
    }

    private Classifier load(CheckpointCreated checkpoint) {
        if (OnnxFormat.FORMAT.equals(checkpoint.format())) {
            return store.readVerified(checkpoint.uri(), checkpoint.sha256(), checkpoint.bytes(),
                    file -> OnnxFormat.open(file, checkpoint));
        }
        Engine engine = Engines.named(checkpoint.engine());
        if (!engine.checkpointFormat().equals(checkpoint.format())) {
            throw new IllegalArgumentException("format '" + checkpoint.format() + "' is not engine "
                    + engine.name() + "'s format '" + engine.checkpointFormat() + "'");
        }
        return store.readVerified(checkpoint.uri(), checkpoint.sha256(), checkpoint.bytes(), engine::load);
    }

    /** Scores the clean test set; returns its predictions, or null when it could not be scored. */
    private Predictions scoreClean(CheckpointCreated checkpoint, Classifier model, Set<String> topics, ResultSink sink,
                                   PredictionSink predictionSink) {
        String topic = Topics.CIFAR10_TEST;
        if (!topics.contains(topic)) {
            sink.accept(failed(checkpoint, EvaluationResult.CLEAN, 0, "topic " + topic + " does not exist"));
            return null;
        }
        long start = System.nanoTime();
        SliceCounts slice = scorer.scoreClean(model, topic, plan.cleanImages(checkpoint));
        slices.scored(slice.total(), Duration.ofNanos(System.nanoTime() - start));
        publish(checkpoint, EvaluationResult.CLEAN, 0, slice, topic, sink, predictionSink);
        return slice.total() > 0 ? slice.predictions() : null;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warnf("could not release a model after its sweep: %s", e.getMessage());
        }
    }

    /** The slice's predictions first (when it has any), then its result. */
    private static void publish(CheckpointCreated checkpoint, String corruption, int severity, SliceCounts slice,
                                String topic, ResultSink sink, PredictionSink predictionSink) {
        if (slice.total() > 0) {
            predictionSink.accept(new SlicePredictions(checkpoint.checkpointId(), checkpoint.runId(),
                    checkpoint.role(), checkpoint.kind(), corruption, severity, slice.predictions()));
        }
        sink.accept(result(checkpoint, corruption, severity, slice, topic));
    }

    private static EvaluationResult result(CheckpointCreated checkpoint, String corruption, int severity,
                                           SliceCounts slice, String topic) {
        if (slice.total() == 0) {
            String where = severity == 0 ? "" : " at severity " + severity;
            return failed(checkpoint, corruption, severity, "topic " + topic + " has no images" + where);
        }
        SliceLikelihood likelihood = slice.likelihood();
        if (likelihood == null) {
            LOG.warnf("checkpoint %s, %s severity %d: the model's outputs gave a non-finite likelihood; the result "
                    + "carries top-1 without NLL and calibration", checkpoint.checkpointId(), corruption, severity);
        }
        return new EvaluationResult(checkpoint.checkpointId(), checkpoint.runId(), checkpoint.role(),
                checkpoint.epoch(), checkpoint.engine(), checkpoint.dataset(), corruption, severity, slice.correct(),
                slice.total(), slice.top1(), EvaluationResult.Status.OK, null, checkpoint.kind(),
                likelihood == null ? null : likelihood.nllSum(),
                likelihood == null ? null : likelihood.nllSumOfSquares(),
                likelihood == null ? null : likelihood.calibration());
    }

    private static EvaluationResult failed(CheckpointCreated checkpoint, String corruption, int severity,
                                           String error) {
        return new EvaluationResult(checkpoint.checkpointId(), checkpoint.runId(), checkpoint.role(),
                checkpoint.epoch(), checkpoint.engine(), checkpoint.dataset(), corruption, severity, 0, 0, 0.0,
                EvaluationResult.Status.FAILED, error, checkpoint.kind());
    }
}
