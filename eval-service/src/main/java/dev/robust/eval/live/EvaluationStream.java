package dev.robust.eval.live;

import dev.robust.common.event.EvaluationResult;
import dev.robust.common.event.Event;
import dev.robust.common.event.EventCodec;
import dev.robust.common.event.EventType;
import dev.robust.common.topic.Topics;
import dev.robust.service.messaging.KafkaClients;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Evaluation results for one live client, read from Kafka by a consumer of its own: from where the client left off
 * ({@code Last-Event-ID}), or from now on. A consumer per client costs a thread and a connection, which a few
 * dashboards afford, and it makes resuming exact: the client gets every result it missed, in the topic's order,
 * and then the live ones, with no window between the two.
 */
@ApplicationScoped
public class EvaluationStream {
    private static final Logger LOG = Logger.getLogger(EvaluationStream.class);
    private static final Duration POLL = Duration.ofMillis(500);
    /** How long {@link #open} waits for the stream's start to be fixed (the topic may not exist yet). */
    private static final Duration POSITION_WAIT = Duration.ofSeconds(10);
    /** Open streams at once; each holds a thread and a broker connection. */
    static final int MAX_CLIENTS = 32;

    /** How long a stream may stay silent before the client is asked whether it is still there (a keep-alive). */
    static final Duration IDLE = Duration.ofSeconds(15);

    /** One result for the client: its event id (the position after it), its CloudEvents type and its JSON. */
    public record Delivery(FeedPosition position, String eventType, String json) {
    }

    /** Where deliveries go; either method answers false once the client has gone, which ends the stream. */
    public interface Client {
        boolean deliver(Delivery delivery);

        /** Nothing arrived for {@link #IDLE}: a chance to send a keep-alive and notice a closed connection. */
        boolean idle();
    }

    private final KafkaClients clients;
    private final Semaphore slots = new Semaphore(MAX_CLIENTS);

    EvaluationStream(KafkaClients clients) {
        this.clients = clients;
    }

    /** A client's stream, ended by {@link Subscription#close()} or when the client answers false. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Starts delivering to {@code client} on a thread of its own.
     *
     * @param from where the client stands; empty for results published from now on
     * @throws TooManyClientsException when {@value #MAX_CLIENTS} streams are open already
     */
    public Subscription open(Optional<FeedPosition> from, Client client) {
        if (!slots.tryAcquire()) throw new TooManyClientsException(MAX_CLIENTS);
        KafkaConsumer<byte[], byte[]> consumer = clients.reader(KafkaClients.BYTE_KEYS, 1000, false);
        CountDownLatch positioned = new CountDownLatch(1);
        Thread thread = new Thread(() -> {
            try {
                deliver(consumer, from, client, positioned);
            } finally {
                positioned.countDown();
                slots.release();
            }
        }, "evaluation-stream");
        thread.setDaemon(true);
        thread.start();
        // The stream's start is fixed before the caller answers: a client that sees the stream open and then
        // publishes (or sees another publish) must get that result. Bounded, for a topic not created yet.
        try {
            positioned.await(POSITION_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return consumer::wakeup;
    }

    private void deliver(KafkaConsumer<byte[], byte[]> consumer, Optional<FeedPosition> from,
                         Client client, CountDownLatch positioned) {
        try (consumer) {
            // The topic is created at start-up; a stream opened before that waits for it (or for close()).
            List<TopicPartition> partitions = KafkaClients.awaitPartitions(consumer, Topics.EVALUATIONS, () -> true);
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions);
            FeedPosition position = new FeedPosition(new TreeMap<>());
            for (TopicPartition partition : partitions) {
                // Resume where the client stands; a partition it never saw starts at its beginning; without an id
                // everything starts at the end. Offsets compacted or deleted meanwhile are skipped by Kafka.
                long next = from.map(p -> p.next(partition.partition(), starts.get(partition)))
                        .orElse(ends.get(partition));
                consumer.seek(partition, next);
                position = position.after(partition.partition(), next - 1);
            }
            positioned.countDown();
            long lastSent = System.nanoTime();
            while (true) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    position = position.after(record.partition(), record.offset());
                    Optional<Delivery> delivery = delivery(record, position);
                    if (delivery.isEmpty()) continue;
                    if (!client.deliver(delivery.get())) return;
                    lastSent = System.nanoTime();
                }
                if (System.nanoTime() - lastSent > IDLE.toNanos()) {
                    if (!client.idle()) return;
                    lastSent = System.nanoTime();
                }
            }
        } catch (WakeupException closed) {
            // The client went away.
        } catch (RuntimeException e) {
            LOG.warn("a live evaluation stream stopped", e);
        }
    }

    private static Optional<Delivery> delivery(ConsumerRecord<byte[], byte[]> record, FeedPosition position) {
        try {
            Event event = EventCodec.decode(record.headers(), record.value());
            if (!(event instanceof EvaluationResult)) return Optional.empty();
            return Optional.of(new Delivery(position, EventType.of(event).ceType(),
                    new String(record.value(), StandardCharsets.UTF_8)));
        } catch (RuntimeException malformed) {
            return Optional.empty(); // dead-lettered by the producer side; never shown to clients
        }
    }
}
