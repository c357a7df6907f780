package dev.robust.eval.streams;

import dev.robust.common.event.CheckpointCreated;
import dev.robust.common.event.EvaluationResult;
import dev.robust.common.event.EvaluationSummary;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** The live evaluation table of this replica's Kafka Streams instance. */
@ApplicationScoped
public class EvaluationTable {
    private final KafkaStreams streams;

    EvaluationTable(KafkaStreams streams) {
        this.streams = streams;
    }

    /**
     * Queries on the table as it is now.
     *
     * @throws TableNotReadyException while Kafka Streams is starting or restoring the table, or has failed
     */
    public EvaluationQueries queries() {
        try {
            ReadOnlyKeyValueStore<String, EvaluationResult> store = streams.store(StoreQueryParameters.fromNameAndType(
                    EvaluationTopology.STORE, QueryableStoreTypes.keyValueStore()));
            ReadOnlyKeyValueStore<String, EvaluationSummary> summaries = streams.store(
                    StoreQueryParameters.fromNameAndType(EvaluationTopology.SUMMARY_STORE,
                            QueryableStoreTypes.keyValueStore()));
            ReadOnlyKeyValueStore<String, CheckpointCreated> claims = streams.store(
                    StoreQueryParameters.fromNameAndType(EvaluationTopology.CLAIM_STORE,
                            QueryableStoreTypes.keyValueStore()));
            return new EvaluationQueries(store, summaries, claims);
        } catch (InvalidStateStoreException | IllegalStateException e) {
            throw new TableNotReadyException("the evaluation table is not queryable yet (Kafka Streams is "
                    + streams.state() + "); retry in a few seconds", e);
        }
    }
}
