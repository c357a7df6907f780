package dev.robust.eval.streams;

import dev.robust.common.event.CheckpointCreated;
import dev.robust.common.event.EvaluationResult;
import dev.robust.common.event.EvaluationSummary;
import dev.robust.common.event.EventType;
import dev.robust.common.topic.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The query side of {@code evaluations}: the latest result per key (checkpoint/corruption/severity) as a table, and
 * of {@code evaluation.summaries}: the latest published summary per checkpoint (where a final student's paired
 * comparisons live), and of {@code model.checkpoints}: the latest claim check per record key
 * ({@code run/role/epoch[/raw]}), whose provenance the report headers and the leaderboard show.
 *
 * <p>A global table, so that every replica holds every result and can answer any query: scoring is split across
 * replicas by partition, but a dashboard asking one replica about a run must see all of that run's checkpoints.
 * The table is small (about a hundred results per checkpoint).
 */
@ApplicationScoped
public class EvaluationTopology {
    /** The queryable store, keyed like the {@code evaluations} topic. */
    public static final String STORE = "evaluations-by-key";
    /** The queryable store of published summaries, keyed by checkpoint id. */
    public static final String SUMMARY_STORE = "summaries-by-checkpoint";
    /** The queryable store of claim checks, keyed like {@code model.checkpoints} (so by run first). */
    public static final String CLAIM_STORE = "claim-checks-by-key";

    @Produces
    public Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.globalTable(Topics.EVALUATIONS,
                Consumed.with(Serdes.String(), results()),
                Materialized.<String, EvaluationResult, KeyValueStore<Bytes, byte[]>>as(STORE)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(results()));
        builder.globalTable(Topics.EVALUATION_SUMMARIES,
                Consumed.with(Serdes.String(), summaries()),
                Materialized.<String, EvaluationSummary, KeyValueStore<Bytes, byte[]>>as(SUMMARY_STORE)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(summaries()));
        // A table over the topic the checkpoint consumer reads, not a second consumer: the consumer's group splits
        // the claim checks between replicas, while every replica must show every checkpoint's provenance.
        builder.globalTable(Topics.MODEL_CHECKPOINTS,
                Consumed.with(Serdes.String(), claimChecks()),
                Materialized.<String, CheckpointCreated, KeyValueStore<Bytes, byte[]>>as(CLAIM_STORE)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(claimChecks()));
        return builder.build();
    }

    private static EventSerde<EvaluationResult> results() {
        return new EventSerde<>(EventType.EVALUATION_RESULT, EvaluationResult.class);
    }

    private static EventSerde<CheckpointCreated> claimChecks() {
        return new EventSerde<>(EventType.CHECKPOINT_CREATED, CheckpointCreated.class);
    }

    private static EventSerde<EvaluationSummary> summaries() {
        return new EventSerde<>(EventType.EVALUATION_SUMMARY, EvaluationSummary.class);
    }
}
