package dev.robust.cli.run;

import dev.robust.common.event.Event;
import dev.robust.common.event.EventCodec;
import dev.robust.common.event.EvaluationResult;
import dev.robust.common.event.EvaluationSummary;
import dev.robust.common.event.InvalidEventException;
import dev.robust.common.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The eval-service's output for one run, read straight from {@code evaluations} and {@code evaluation.summaries}
 * from the beginning: every result (the latest per checkpoint, corruption and severity, as compaction would keep)
 * and every summary, and the summary of the baseline checkpoint a report normalizes to (of any run). A consumer
 * without a group, so reading it leaves no trace in the broker.
 */
final class EvaluationFeed implements AutoCloseable {
    private static final List<String> TOPICS = List.of(Topics.EVALUATIONS, Topics.EVALUATION_SUMMARIES);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String runId;
    private final String baselineCheckpointId;
    private final Map<String, Map<String, EvaluationResult>> resultsByCheckpoint = new LinkedHashMap<>();
    private final Map<String, EvaluationSummary> summaries = new LinkedHashMap<>();
    private EvaluationSummary latest;
    private String lastResultCheckpoint;
    private int skipped;

    EvaluationFeed(String bootstrapServers, String runId) {
        this(bootstrapServers, runId, null);
    }

    /** @param baselineCheckpointId a checkpoint whose summary is kept whatever its run; null for none */
    EvaluationFeed(String bootstrapServers, String runId, String baselineCheckpointId) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "robust-cli-" + runId);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.runId = runId;
        this.baselineCheckpointId = baselineCheckpointId;
    }

    /** Reads what has arrived, waiting at most {@code timeout}. */
    void poll(Duration timeout) {
        assignNewPartitions();
        if (consumer.assignment().isEmpty()) return;
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            Event event;
            try {
                event = EventCodec.decode(record.headers(), record.value());
            } catch (InvalidEventException e) {
                skipped++; // the eval-service's concern (its dead-letter topic); the report counts them
                continue;
            }
            if (event instanceof EvaluationResult result && result.runId().equals(runId)) {
                resultsByCheckpoint.computeIfAbsent(result.checkpointId(), id -> new LinkedHashMap<>())
                        .put(result.recordKey(), result);
                lastResultCheckpoint = result.checkpointId();
            } else if (event instanceof EvaluationSummary summary && summary.runId().equals(runId)) {
                summaries.put(summary.checkpointId(), summary);
                latest = summary;
            } else if (event instanceof EvaluationSummary summary
                    && summary.checkpointId().equals(baselineCheckpointId)) {
                summaries.put(summary.checkpointId(), summary);
            }
        }
    }

    /**
     * Reads up to the current end of every assigned partition: results are published before their summary, but on
     * another topic, so having the summary does not mean this consumer has fetched every result yet.
     */
    void catchUp(Duration timeout) {
        assignNewPartitions();
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline
                && ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
            poll(Duration.ofMillis(200));
        }
    }

    Optional<EvaluationSummary> summary(String checkpointId) {
        return Optional.ofNullable(summaries.get(checkpointId));
    }

    /** The summary that arrived last, for the progress line. */
    Optional<EvaluationSummary> latest() {
        return Optional.ofNullable(latest);
    }

    /** A checkpoint being scored: {@code results} of its results are in, its summary is not. */
    record Scoring(String checkpointId, int results) {
    }

    /** The checkpoint being scored now, if any. */
    Optional<Scoring> inProgress() {
        if (lastResultCheckpoint == null || summaries.containsKey(lastResultCheckpoint)) return Optional.empty();
        return Optional.of(new Scoring(lastResultCheckpoint, resultsByCheckpoint.get(lastResultCheckpoint).size()));
    }

    List<EvaluationResult> results(String checkpointId) {
        return new ArrayList<>(resultsByCheckpoint.getOrDefault(checkpointId, Map.of()).values());
    }

    /** Records on the two topics that were not valid events. */
    int skipped() {
        return skipped;
    }

    /** The eval-service creates its topics when it starts; assign any partition that has appeared since. */
    private void assignNewPartitions() {
        List<TopicPartition> partitions = new ArrayList<>(consumer.assignment());
        boolean added = false;
        for (String topic : TOPICS) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos == null) continue;
            for (PartitionInfo info : infos) {
                TopicPartition partition = new TopicPartition(info.topic(), info.partition());
                if (!partitions.contains(partition)) {
                    partitions.add(partition);
                    added = true;
                }
            }
        }
        if (added) consumer.assign(partitions);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
