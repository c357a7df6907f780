package dev.robust.common.topic;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsumerLagTest {

    /** A consumer whose fetch metrics say the lag of each given partition of {@code topic}. */
    private static MockConsumer<byte[], byte[]> lagging(String topic, long... lags) {
        Map<MetricName, Metric> metrics = new HashMap<>();
        for (int partition = 0; partition < lags.length; partition++) {
            MetricName name = new MetricName("records-lag", "consumer-fetch-manager-metrics", "",
                    Map.of("client-id", "c" + lags.length, "topic", topic, "partition", Integer.toString(partition)));
            double lag = lags[partition];
            metrics.put(name, new Metric() {
                @Override
                public MetricName metricName() {
                    return name;
                }

                @Override
                public Object metricValue() {
                    return lag;
                }
            });
        }
        return new MockConsumer<>("earliest") {
            @Override
            public synchronized Map<MetricName, ? extends Metric> metrics() {
                return metrics;
            }
        };
    }

    @Test
    void sumsThePartitionsOfTheTopicAndFollowsTheLatestConsumerInOneSeries() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ConsumerLag.watch(registry, "g", "runs", lagging("runs", 3, 4));
        assertEquals(7, registry.get(ConsumerLag.GAUGE).tags("group", "g", "topic", "runs").gauge().value());

        ConsumerLag.watch(registry, "g", "runs", lagging("runs", 1));
        assertEquals(1, registry.get(ConsumerLag.GAUGE).tags("group", "g", "topic", "runs").gauge().value());
        assertEquals(1, registry.find(ConsumerLag.GAUGE).gauges().size(), "a new consumer adds no series");
    }

    @Test
    void isUnknownUntilTheConsumerHasFetchedTheTopic() {
        assertTrue(Double.isNaN(ConsumerLag.lag(lagging("other", 5), "runs")));
    }
}
