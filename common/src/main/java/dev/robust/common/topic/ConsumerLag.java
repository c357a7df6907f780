package dev.robust.common.topic;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code robust_kafka_consumer_lag{group, topic}}: records a consumer group has yet to read on a topic, summed over
 * the partitions this replica holds, as the consumer's own fetch metrics last saw it (they update on fetches, so a
 * paused consumer's figure stands still). One series per (group, topic) however often the consumer is replaced:
 * the gauge follows the latest consumer watched under that name, not its client id.
 */
public final class ConsumerLag {
    static final String GAUGE = "robust.kafka.consumer.lag";
    private static final Map<List<Object>, AtomicReference<Consumer<?, ?>>> WATCHED = new ConcurrentHashMap<>();

    private ConsumerLag() {
    }

    /** Exports the lag of {@code consumer} (a member of {@code group}) on {@code topic} from now on. */
    public static void watch(MeterRegistry registry, String group, String topic, Consumer<?, ?> consumer) {
        WATCHED.computeIfAbsent(List.of(registry, group, topic), key -> {
            AtomicReference<Consumer<?, ?>> current = new AtomicReference<>();
            Gauge.builder(GAUGE, current, watched -> lag(watched.get(), topic))
                    .description("Records the consumer group has yet to read, on this replica's partitions")
                    .tag("group", group).tag("topic", topic)
                    .register(registry);
            return current;
        }).set(consumer);
    }

    /** Kafka's per-partition {@code records-lag}, summed; NaN before the first fetch. Consumer.metrics() is safe
     * to read from another thread. */
    static double lag(Consumer<?, ?> consumer, String topic) {
        if (consumer == null) return Double.NaN;
        double sum = 0;
        boolean seen = false;
        for (Map.Entry<MetricName, ? extends Metric> metric : consumer.metrics().entrySet()) {
            MetricName name = metric.getKey();
            if (!"records-lag".equals(name.name()) || !topic.equals(name.tags().get("topic"))
                    || !name.tags().containsKey("partition")) {
                continue;
            }
            Object value = metric.getValue().metricValue();
            if (value instanceof Number number && !Double.isNaN(number.doubleValue())) {
                sum += number.doubleValue();
                seen = true;
            }
        }
        return seen ? sum : Double.NaN;
    }
}
