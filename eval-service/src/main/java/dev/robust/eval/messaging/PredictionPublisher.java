package dev.robust.eval.messaging;

import dev.robust.common.prediction.SlicePredictions;
import dev.robust.common.topic.Topics;
import dev.robust.eval.scoring.PredictionSink;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.concurrent.ExecutionException;

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
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + record.key(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot publish " + record.key() + " to " + record.topic() + ": "
                    + e.getCause().getMessage(), e);
        }
    }
}
