package dev.robust.service.messaging;

import java.util.Map;

/**
 * Producer settings a service adds to its {@link KafkaClients#producer()} (batch size, linger, compression…), as a
 * CDI bean it produces; a service without one gets Kafka's defaults ({@link KafkaClients#noTuning}).
 *
 * @param config producer configuration keys and values
 */
public record ProducerTuning(Map<String, Object> config) {
    public ProducerTuning {
        config = Map.copyOf(config);
    }
}
