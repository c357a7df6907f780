package dev.robust.eval.streams;

import dev.robust.common.event.EvaluationResult;
import dev.robust.common.event.EvaluationSummary;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Reads of the evaluation table (by run, by checkpoint, everything) and of the published summaries. Results come in a stable, readable order. */
public final class EvaluationQueries {
    /** Run, role, epoch, then the clean set first, corruptions by name, severities ascending. */
    public static final Comparator<EvaluationResult> ORDER = Comparator
            .comparing(EvaluationResult::runId)
            .thenComparing(EvaluationResult::role)
            .thenComparingInt(EvaluationResult::epoch)
            .thenComparing(result -> !result.isClean())
            .thenComparing(EvaluationResult::corruption)
            .thenComparingInt(EvaluationResult::severity);

    private final ReadOnlyKeyValueStore<String, EvaluationResult> store;
    private final ReadOnlyKeyValueStore<String, EvaluationSummary> summaries;

    public EvaluationQueries(ReadOnlyKeyValueStore<String, EvaluationResult> store,
                             ReadOnlyKeyValueStore<String, EvaluationSummary> summaries) {
        this.store = store;
        this.summaries = summaries;
    }

    /** The summary the scoring replica published for {@code checkpointId}, if any (null values are skipped). */
    public Optional<EvaluationSummary> publishedSummary(String checkpointId) {
        return Optional.ofNullable(summaries.get(checkpointId));
    }

    public List<EvaluationResult> all() {
        try (KeyValueIterator<String, EvaluationResult> entries = store.all()) {
            return collect(entries, result -> true);
        }
    }

    public List<EvaluationResult> forRun(String runId) {
        try (KeyValueIterator<String, EvaluationResult> entries = store.all()) {
            return collect(entries, result -> result.runId().equals(runId));
        }
    }

    /** Keys start with the checkpoint id and {@code /}, so a prefix scan reads just this checkpoint. */
    public List<EvaluationResult> forCheckpoint(String checkpointId) {
        try (KeyValueIterator<String, EvaluationResult> entries =
                     store.prefixScan(checkpointId + "/", new StringSerializer())) {
            return collect(entries, result -> result.checkpointId().equals(checkpointId));
        }
    }

    private static List<EvaluationResult> collect(KeyValueIterator<String, EvaluationResult> entries,
                                                  Predicate<EvaluationResult> wanted) {
        List<EvaluationResult> results = new ArrayList<>();
        while (entries.hasNext()) {
            KeyValue<String, EvaluationResult> entry = entries.next();
            // Records that were not readable results are held as null (see EvaluationResultSerde).
            if (entry.value != null && wanted.test(entry.value)) results.add(entry.value);
        }
        results.sort(ORDER);
        return results;
    }
}
