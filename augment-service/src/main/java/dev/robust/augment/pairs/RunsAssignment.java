package dev.robust.augment.pairs;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;

/**
 * Knows whether the {@code runs} consumer has joined its group. A fresh group starts at the end of {@code runs}, so
 * an epoch request published before the service joined would never be seen; readiness waits for this instead.
 */
@ApplicationScoped
@Identifier(RunsAssignment.NAME)
public class RunsAssignment implements KafkaConsumerRebalanceListener {
    /** Referenced by {@code mp.messaging.incoming.runs.consumer-rebalance-listener.name}. */
    public static final String NAME = "runs-assignment";

    private volatile boolean joined;

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        // Fix the start positions now ("the end", for a fresh group) rather than at the first fetch, so that a
        // request sent once the service reports ready is after them.
        partitions.forEach(consumer::position);
        joined = true;
    }

    /** True once the consumer took part in a completed rebalance (with or without partitions). */
    public boolean joined() {
        return joined;
    }
}
