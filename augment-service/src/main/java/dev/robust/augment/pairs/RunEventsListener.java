package dev.robust.augment.pairs;

import dev.robust.common.event.EpochDone;
import dev.robust.common.event.EpochRequested;
import dev.robust.common.event.CloudEventHeaders;
import dev.robust.common.event.Event;
import dev.robust.common.event.EventCodec;
import dev.robust.common.event.EventType;
import dev.robust.common.event.RunFailed;
import dev.robust.common.event.RunFinished;
import dev.robust.common.topic.RecordHeaders;
import dev.robust.service.messaging.DeadLetterPublisher;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Consumes {@code runs} (consumer group {@code augment-service}: each run's events sit in one partition, so one
 * replica serves a run and sees its requests and {@code EpochDone}s in order). Epoch requests go to the
 * {@link EpochScheduler} and are acknowledged once answered; {@code EpochDone} moves the look-ahead window; the end of
 * a run drops what is still waiting. Other event types, known or newer than this build, are not this service's
 * business. A record that is not a valid event (no CloudEvents headers, a body that does not fit its type) goes to
 * {@code runs.dlq}.
 *
 * <p>The method returns at once rather than when an epoch is produced: the {@code EpochDone} that lets a waiting
 * request through arrives on this same channel.
 */
@ApplicationScoped
public class RunEventsListener {
    private final EpochScheduler scheduler;
    private final DeadLetterPublisher deadLetters;

    RunEventsListener(EpochScheduler scheduler, DeadLetterPublisher deadLetters) {
        this.scheduler = scheduler;
        this.deadLetters = deadLetters;
    }

    @Incoming("runs")
    @SuppressWarnings("unchecked")
    public CompletionStage<Void> onRunEvent(Message<byte[]> message) {
        ConsumerRecord<String, byte[]> record = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(metadata -> (ConsumerRecord<String, byte[]>) metadata.getRecord())
                .orElseThrow(() -> new IllegalStateException("runs message without Kafka metadata"));
        Event event;
        try {
            Map<String, byte[]> headers = RecordHeaders.asMap(record.headers());
            if (EventType.fromCeType(CloudEventHeaders.fromHeaders(headers).type()) == null) {
                return message.ack(); // a well-formed event of a type this version does not know: not for us
            }
            event = EventCodec.decode(headers, record.value());
        } catch (RuntimeException e) {
            try {
                deadLetters.reject(record, e);
            } catch (RuntimeException unwritable) {
                // Never dropped unseen: the channel stops (liveness says so) and a restart reads the record again.
                return message.nack(unwritable);
            }
            return message.ack();
        }
        if (event instanceof EpochRequested request) {
            scheduler.requested(request, message::ack);
            return CompletableFuture.completedFuture(null);
        }
        if (event instanceof EpochDone done) scheduler.epochDone(done.runId(), done.phase(), done.epoch());
        else if (event instanceof RunFinished finished) scheduler.runEnded(finished.runId());
        else if (event instanceof RunFailed failed) scheduler.runEnded(failed.runId());
        return message.ack();
    }
}
