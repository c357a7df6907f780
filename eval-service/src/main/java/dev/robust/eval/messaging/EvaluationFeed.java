package dev.robust.eval.messaging;

import dev.robust.common.event.EvaluationResult;
import dev.robust.common.event.Event;
import dev.robust.common.event.EventCodec;
import dev.robust.common.topic.Topics;
import dev.robust.eval.metrics.EvaluationGauges;
import dev.robust.service.messaging.KafkaClients;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;

/**
 * Every evaluation result as it is published, by any replica: feeds the Prometheus gauges. Reads all partitions of
 * {@code evaluations} from the beginning with an assigned consumer (no group: each replica sees everything), so
 * gauges are complete after a restart too. (Live clients read through {@code live.EvaluationStream}, each from
 * where it stands.)
 */
@ApplicationScoped
public class EvaluationFeed {
    private static final Logger LOG = Logger.getLogger(EvaluationFeed.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaClients clients;
    private final EvaluationGauges gauges;
    private volatile boolean running = true;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread loop;

    EvaluationFeed(KafkaClients clients, EvaluationGauges gauges) {
        this.clients = clients;
        this.gauges = gauges;
    }

    void start(@Observes StartupEvent startup) {
        loop = new Thread(this::pollLoop, "eval-feed");
        loop.setDaemon(true);
        loop.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) current.wakeup();
        if (loop != null) loop.join(Duration.ofSeconds(5).toMillis());
    }

    private void pollLoop() {
        try (KafkaConsumer<byte[], byte[]> feed = clients.reader(KafkaClients.BYTE_KEYS, 1000, false)) {
            consumer = feed;
            List<TopicPartition> partitions = KafkaClients.awaitPartitions(feed, Topics.EVALUATIONS, () -> running);
            feed.assign(partitions);
            feed.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : feed.poll(POLL)) {
                    accept(record);
                }
            }
        } catch (WakeupException e) {
            // Shutdown.
        } catch (RuntimeException e) {
            LOG.error("the evaluation feed stopped; the gauges no longer update", e);
        }
    }

    private void accept(ConsumerRecord<byte[], byte[]> record) {
        Event event;
        try {
            event = EventCodec.decode(record.headers(), record.value());
        } catch (RuntimeException e) {
            LOG.warnf("skipping %s[%d]@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
            return;
        }
        if (event instanceof EvaluationResult result) {
            gauges.record(result);
        }
    }
}
