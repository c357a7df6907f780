package dev.robust.eval.scoring;

import dev.robust.common.checkpoint.CheckpointStore;
import dev.robust.common.checkpoint.CheckpointStoreException;
import dev.robust.common.checkpoint.StoredCheckpoint;
import dev.robust.common.corruption.Corruption;
import dev.robust.common.event.CheckpointCreated;
import dev.robust.common.event.EvaluationResult;
import dev.robust.common.event.EvaluationSummary;
import dev.robust.common.topic.Topics;
import dev.robust.engine.Engine;
import dev.robust.engine.Engines;
import dev.robust.engine.Model;
import org.apache.kafka.clients.consumer.Consumer;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Scores one checkpoint: verifies it against its claim check, loads it with the engine the event names, and sweeps
 * the clean test topic and every configured {@code cifar10c.*} topic that exists. Each result goes to the sink as
 * soon as it is known; the summary covers them all. A checkpoint that cannot be used yields one failed result and
 * no scores.
 */
public final class CheckpointEvaluator {
    private static final Logger LOG = Logger.getLogger(CheckpointEvaluator.class);

    private final CheckpointStore store;
    private final Consumer<byte[], byte[]> dataConsumer;
    private final TopicScorer scorer;
    private final ScoringPlan plan;

    /**
     * @param dataConsumer a consumer with no group, used only by this evaluator (it is reassigned per topic)
     */
    public CheckpointEvaluator(CheckpointStore store, Consumer<byte[], byte[]> dataConsumer,
                               DeadLetterSink deadLetters, ScoringPlan plan, Duration pollTimeout) {
        this.store = store;
        this.dataConsumer = dataConsumer;
        this.scorer = new TopicScorer(new TopicSweep(dataConsumer, pollTimeout), deadLetters, plan.batchSize());
        this.plan = plan;
    }

    public Evaluation evaluate(CheckpointCreated checkpoint, ResultSink sink) {
        Model model;
        try {
            model = load(checkpoint);
        } catch (CheckpointStoreException | IllegalArgumentException | IOException e) {
            String reason = "checkpoint " + checkpoint.checkpointId() + " rejected: " + e.getMessage();
            LOG.warn(reason);
            EvaluationResult failed = failed(checkpoint, EvaluationResult.CLEAN, 0, reason);
            sink.accept(failed);
            return new Evaluation(EvaluationSummary.of(List.of(failed)), Optional.of(reason));
        }

        List<EvaluationResult> results = new ArrayList<>();
        ResultSink collecting = result -> {
            results.add(result);
            sink.accept(result);
        };
        Set<String> topics = dataConsumer.listTopics().keySet();
        scoreClean(checkpoint, model, topics, collecting);
        List<String> absent = new ArrayList<>();
        for (Corruption corruption : plan.corruptions()) {
            String topic = Topics.cifar10c(corruption);
            if (!topics.contains(topic)) {
                // Not a failure of this checkpoint: the summary lists the corruption under "missing".
                absent.add(topic);
                continue;
            }
            Map<Integer, SliceCounts> counts = scorer.scoreCorrupted(model, topic, plan.severities(),
                    plan.imagesPerSeverity());
            if (counts.values().stream().allMatch(slice -> slice.total() == 0)) {
                // Created but never filled (services create all 19 topics up front): as good as absent.
                absent.add(topic);
                continue;
            }
            counts.forEach((severity, slice) ->
                    collecting.accept(result(checkpoint, corruption.id(), severity, slice, topic)));
        }
        if (!absent.isEmpty()) {
            LOG.warnf("checkpoint %s: %d corruption topics are absent or empty and are reported missing: %s",
                    checkpoint.checkpointId(), absent.size(), String.join(", ", absent));
        }
        return new Evaluation(EvaluationSummary.of(results, plan.corruptions(), plan.severities()), Optional.empty());
    }

    private Model load(CheckpointCreated checkpoint) throws IOException {
        StoredCheckpoint stored = store.verify(checkpoint.uri(), checkpoint.sha256(), checkpoint.bytes());
        Engine engine = Engines.named(checkpoint.engine());
        if (!engine.checkpointFormat().equals(checkpoint.format())) {
            throw new IllegalArgumentException("format '" + checkpoint.format() + "' is not engine "
                    + engine.name() + "'s format '" + engine.checkpointFormat() + "'");
        }
        return engine.load(stored.path());
    }

    private void scoreClean(CheckpointCreated checkpoint, Model model, Set<String> topics, ResultSink sink) {
        String topic = Topics.CIFAR10_TEST;
        if (!topics.contains(topic)) {
            sink.accept(failed(checkpoint, EvaluationResult.CLEAN, 0, "topic " + topic + " does not exist"));
            return;
        }
        SliceCounts slice = scorer.scoreClean(model, topic, plan.cleanImages());
        sink.accept(result(checkpoint, EvaluationResult.CLEAN, 0, slice, topic));
    }

    private static EvaluationResult result(CheckpointCreated checkpoint, String corruption, int severity,
                                           SliceCounts slice, String topic) {
        if (slice.total() == 0) {
            String where = severity == 0 ? "" : " at severity " + severity;
            return failed(checkpoint, corruption, severity, "topic " + topic + " has no images" + where);
        }
        return new EvaluationResult(checkpoint.checkpointId(), checkpoint.runId(), checkpoint.role(),
                checkpoint.epoch(), checkpoint.engine(), checkpoint.dataset(), corruption, severity, slice.correct(),
                slice.total(), slice.top1(), EvaluationResult.Status.OK, null);
    }

    private static EvaluationResult failed(CheckpointCreated checkpoint, String corruption, int severity,
                                           String error) {
        return new EvaluationResult(checkpoint.checkpointId(), checkpoint.runId(), checkpoint.role(),
                checkpoint.epoch(), checkpoint.engine(), checkpoint.dataset(), corruption, severity, 0, 0, 0.0,
                EvaluationResult.Status.FAILED, error);
    }
}
