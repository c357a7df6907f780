package dev.robust.eval.messaging;

import dev.robust.common.prediction.SlicePredictions;
import dev.robust.common.topic.Topics;
import dev.robust.eval.scoring.PredictionSink;
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

    PredictionPublisher(KafkaProducer<String, byte[]> producer) {
        this.producer = producer;
    }

    @Override
    public void accept(SlicePredictions predictions) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.EVALUATION_PREDICTIONS,
                predictions.recordKey(), predictions.value());
        predictions.headers().forEach((name, value) -> record.headers().add(name, value));
        EventPublisher.sendAwaited(producer, record);
    }
}
