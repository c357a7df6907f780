package dev.robust.eval.streams;

import dev.robust.common.event.CheckpointCreated;
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

/**
 * Reads of the evaluation table (by run, by checkpoint, everything), of the published summaries and of the claim
 * checks. Results come in a stable, readable order.
 */
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
    private final ReadOnlyKeyValueStore<String, CheckpointCreated> claims;

    public EvaluationQueries(ReadOnlyKeyValueStore<String, EvaluationResult> store,
                             ReadOnlyKeyValueStore<String, EvaluationSummary> summaries,
                             ReadOnlyKeyValueStore<String, CheckpointCreated> claims) {
        this.store = store;
        this.summaries = summaries;
        this.claims = claims;
    }

    /** Every claim check on {@code model.checkpoints} (records that were not claim checks are skipped). */
    public List<CheckpointCreated> claimChecks() {
        try (KeyValueIterator<String, CheckpointCreated> entries = claims.all()) {
            return identified(values(entries));
        }
    }

    /** The claim checks of one run: their keys start with the run id and {@code /}. */
    public List<CheckpointCreated> claimChecks(String runId) {
        try (KeyValueIterator<String, CheckpointCreated> entries =
                     claims.prefixScan(runId + "/", new StringSerializer())) {
            return identified(values(entries)).stream().filter(claim -> claim.runId().equals(runId)).toList();
        }
    }

    /**
     * Without JSON that parsed as a claim check yet names no checkpoint or run: the table is restored from the
     * topic's bytes, unchecked, so anything a producer wrote there is read back here.
     */
    private static List<CheckpointCreated> identified(List<CheckpointCreated> claims) {
        return claims.stream().filter(claim -> claim.checkpointId() != null && claim.runId() != null).toList();
    }

    private static <T> List<T> values(KeyValueIterator<String, T> entries) {
        List<T> values = new ArrayList<>();
        while (entries.hasNext()) {
            T value = entries.next().value;
            if (value != null) values.add(value);
        }
        return values;
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
