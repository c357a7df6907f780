package dev.robust.common.topic;

import dev.robust.common.corruption.Corruption;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Names of every Kafka topic the product uses (design.md §3); producers and consumers both refer to these. */
public final class Topics {
    /** Clean training images, keyed by dataset index (labelled-image codec). */
    public static final String CIFAR10_TRAIN = "cifar10.train";
    /** Held-out validation images carved from the training split. */
    public static final String CIFAR10_VAL = "cifar10.val";
    /** Clean test images. */
    public static final String CIFAR10_TEST = "cifar10.test";
    /** Clean/noisy training pairs for one run and epoch (pair codec). */
    public static final String TRAIN_PAIRS = "train.pairs";
    /** Run lifecycle events (CloudEvents, JSON). */
    public static final String RUNS = "runs";
    /** Checkpoint references (claim checks), never the weights themselves. */
    public static final String MODEL_CHECKPOINTS = "model.checkpoints";
    /** One evaluation event per checkpoint, corruption and severity. */
    public static final String EVALUATIONS = "evaluations";
    /** One evaluation summary per checkpoint (clean top-1, C-sev5, C-all), keyed by checkpoint id. */
    public static final String EVALUATION_SUMMARIES = "evaluation.summaries";
    /**
     * Per-image predictions of every scored checkpoint, one record per slice and one byte per image
     * ({@code SlicePredictions}, {@code PredictionsCodec}), keyed like {@link #EVALUATIONS}: what paired tests
     * between models need.
     */
    public static final String EVALUATION_PREDICTIONS = "evaluation.predictions";

    /**
     * Header on every {@code cifar10.*} and {@code cifar10c.*} record: the source's display label
     * ({@code cifar10}, {@code synthetic}, or a folder name), so consumers can say in reports what the data was.
     */
    public static final String HEADER_DATASET = "dataset";

    private static final String CIFAR10C_PREFIX = "cifar10c.";
    private static final String DLQ_SUFFIX = ".dlq";

    private Topics() {
    }

    /** {@code cifar10c.<id>}: the corrupted test images of one corruption, all severities. */
    public static String cifar10c(Corruption corruption) {
        return CIFAR10C_PREFIX + corruption.id();
    }

    /** The dead-letter topic of {@code topic}: records a consumer could not process, with error headers. */
    public static String dlq(String topic) {
        return topic + DLQ_SUFFIX;
    }

    /** Every data and event topic, in a stable order (dead-letter topics excluded). */
    public static List<String> all() {
        List<String> topics = new ArrayList<>(List.of(
                CIFAR10_TRAIN, CIFAR10_VAL, CIFAR10_TEST, TRAIN_PAIRS, RUNS, MODEL_CHECKPOINTS, EVALUATIONS,
                EVALUATION_SUMMARIES, EVALUATION_PREDICTIONS));
        for (Corruption corruption : Corruption.values()) {
            topics.add(cifar10c(corruption));
        }
        return Collections.unmodifiableList(topics);
    }
}
