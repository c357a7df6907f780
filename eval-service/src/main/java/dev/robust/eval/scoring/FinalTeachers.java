package dev.robust.eval.scoring;

import dev.robust.common.BadInputException;
import dev.robust.common.corruption.Corruption;
import dev.robust.common.event.EvaluationResult;
import dev.robust.common.event.ModelKind;
import dev.robust.common.event.ModelRole;
import dev.robust.common.prediction.ModelPredictions;
import dev.robust.common.prediction.Predictions;
import dev.robust.common.prediction.SlicePredictions;
import dev.robust.common.topic.RecordHeaders;
import dev.robust.common.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The final teachers of one run (raw and SWA) as the student is compared with them: their clean and severity-5
 * predictions, read back from {@code evaluation.predictions}. The headers say whose predictions a record holds, so
 * other runs' and epochs' records are skipped without decoding; a record whose headers or value cannot be read
 * goes to the dead-letter topic. Later records of a key replace earlier ones, as compaction would.
 */
final class FinalTeachers {
    private static final Set<String> FINAL_TEACHER_KINDS = Set.of(ModelKind.RAW.id(), ModelKind.SWA.id());

    private final TopicSweep sweep;
    private final DeadLetterSink deadLetters;

    FinalTeachers(TopicSweep sweep, DeadLetterSink deadLetters) {
        this.sweep = sweep;
        this.deadLetters = deadLetters;
    }

    /** Every final teacher of {@code runId} with predictions on the topic, raw before SWA; empty if the topic is absent. */
    List<ModelPredictions> of(String runId, Set<String> topics) {
        if (!topics.contains(Topics.EVALUATION_PREDICTIONS)) return List.of();
        Map<String, Map<String, SlicePredictions>> byCheckpoint = new LinkedHashMap<>();
        sweep.run(Topics.EVALUATION_PREDICTIONS, record -> {
            if (!runId.equals(RecordHeaders.text(record.headers(), SlicePredictions.HEADER_RUN))
                    || !ModelRole.TEACHER.id().equals(RecordHeaders.text(record.headers(), SlicePredictions.HEADER_ROLE))
                    || !FINAL_TEACHER_KINDS.contains(RecordHeaders.text(record.headers(), SlicePredictions.HEADER_KIND))) {
                return true;
            }
            try {
                SlicePredictions slice = SlicePredictions.read(key(record), RecordHeaders.asMap(record.headers()), record.value());
                if (slice.severity() == 0 || slice.severity() == Corruption.MAX_SEVERITY) {
                    byCheckpoint.computeIfAbsent(slice.checkpointId(), id -> new HashMap<>())
                            .put(slice.recordKey(), slice);
                }
            } catch (BadInputException e) {
                deadLetters.reject(record, e);
            }
            return true;
        });
        return byCheckpoint.values().stream()
                .map(slices -> List.copyOf(slices.values()))
                .sorted(Comparator.comparing(slices -> slices.get(0).kind()))
                .map(FinalTeachers::model)
                .toList();
    }

    private static ModelPredictions model(List<SlicePredictions> slices) {
        Predictions clean = null;
        Map<String, Predictions> severity5 = new HashMap<>();
        for (SlicePredictions slice : slices) {
            if (EvaluationResult.CLEAN.equals(slice.corruption())) clean = slice.predictions();
            else severity5.put(slice.corruption(), slice.predictions());
        }
        SlicePredictions first = slices.get(0);
        // The raw and SWA names do not depend on the epoch.
        return new ModelPredictions(first.checkpointId(), ModelKind.describe(first.kind(), first.role(), 0), clean,
                severity5);
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }
}
