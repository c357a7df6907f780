package dev.robust.eval.messaging;

import dev.robust.common.prediction.SlicePredictions;
import dev.robust.common.topic.RecordHeaders;
import dev.robust.common.topic.Topics;
import dev.robust.eval.scoring.PredictionSink;
import dev.robust.service.messaging.EventPublisher;
import dev.robust.service.messaging.KafkaClients;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;


/**
 * Publishes each slice's per-image predictions to {@code evaluation.predictions} (binary, not an event: one byte per
 * image), keyed like the slice's result, and waits for the broker: the result that follows must never be visible
 * without the predictions behind it.
 */
@ApplicationScoped
public class PredictionPublisher implements PredictionSink {
    private final KafkaProducer<String, byte[]> producer;

    PredictionPublisher(KafkaClients clients) {
        this.producer = clients.producer();
    }

    @Override
    public void accept(SlicePredictions predictions) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.EVALUATION_PREDICTIONS,
                predictions.recordKey(), predictions.value());
        RecordHeaders.addAll(record.headers(), predictions.headers());
        EventPublisher.sendAwaited(producer, record);
    }
}
