package dev.robust.augment.config;

import dev.robust.service.messaging.ProducerTuning;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.Map;

/** The service's producer, sized for tens of KB records ({@code robust.augment.producer.*}, docs/benchmarks.md). */
@ApplicationScoped
public class ProducerTuningProducer {

    @Produces
    @Singleton
    ProducerTuning producerTuning(AugmentSettings settings) {
        AugmentSettings.Producer producer = settings.producer();
        return new ProducerTuning(Map.of(
                ProducerConfig.BATCH_SIZE_CONFIG, producer.batchSize(),
                ProducerConfig.LINGER_MS_CONFIG, (int) producer.linger().toMillis(),
                ProducerConfig.COMPRESSION_TYPE_CONFIG, producer.compression(),
                ProducerConfig.BUFFER_MEMORY_CONFIG, producer.bufferMemory(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Math.max(1_048_576, producer.batchSize())));
    }
}
