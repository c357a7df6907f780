package dev.robust.augment.ingest;

import dev.robust.service.messaging.KafkaClients;
import dev.robust.augment.messaging.SendTracker;
import dev.robust.common.topic.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;

/**
 * Writes encoded labelled images to a data topic with the {@code dataset} and fingerprint headers, reporting
 * acknowledgements to the job and to {@code augment_ingest_records_total{topic}}.
 */
@ApplicationScoped
public class ImagePublisher {
    private final KafkaClients clients;
    private final MeterRegistry registry;

    ImagePublisher(KafkaClients clients, MeterRegistry registry) {
        this.clients = clients;
        this.registry = registry;
    }

    /**
     * Starts writing to {@code topic}; call {@link Batch#send} per record, then {@link Batch#finish}.
     * {@code fingerprint} may be null (corruption topics are not checked for an identical earlier ingest).
     */
    public Batch open(IngestJob job, String topic, String dataset, String fingerprint) {
        return new Batch(job, topic, dataset, fingerprint);
    }

    public final class Batch {
        private final IngestJob job;
        private final String topic;
        private final RecordHeaders headers = new RecordHeaders();
        private final SendTracker tracker;

        private Batch(IngestJob job, String topic, String dataset, String fingerprint) {
            this.job = job;
            this.topic = topic;
            headers.add(Topics.HEADER_DATASET, dataset.getBytes(StandardCharsets.UTF_8));
            if (fingerprint != null) {
                headers.add(TopicInventory.HEADER_FINGERPRINT, fingerprint.getBytes(StandardCharsets.UTF_8));
            }
            headers.setReadOnly();
            Counter counter = Counter.builder("augment.ingest.records")
                    .description("Data records the broker acknowledged").tag("topic", topic).register(registry);
            this.tracker = new SendTracker(clients.producer(), "images to " + topic, acknowledged -> {
                job.acknowledged(topic, acknowledged);
                counter.increment();
            });
        }

        public void send(String key, byte[] value) {
            job.throwIfCancelled();
            tracker.send(new ProducerRecord<>(topic, null, key, value, headers));
        }

        /** Waits until the broker acknowledged every record; returns their count. */
        public long finish() {
            return tracker.awaitAll();
        }
    }
}
