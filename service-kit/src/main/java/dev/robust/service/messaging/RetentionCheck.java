package dev.robust.service.messaging;

import dev.robust.common.topic.TopicRetention;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Refuses to start when a topic the service reads its data from ({@link KeptTopics}) would expire
 * ({@link TopicRetention}), and warns when it cannot tell; a topic not created yet is skipped: the augment-service
 * creates it.
 */
@ApplicationScoped
public class RetentionCheck {
    private static final Logger LOG = Logger.getLogger(RetentionCheck.class);

    private final KafkaClients kafka;
    private final Instance<KeptTopics> kept;

    RetentionCheck(KafkaClients kafka, Instance<KeptTopics> kept) {
        this.kafka = kafka;
        this.kept = kept;
    }

    void onStart(@Observes StartupEvent startup) throws InterruptedException {
        if (!kept.isResolvable()) return;
        TopicRetention.requireDataKept(kafka.admin(), kept.get().names(), Duration.ofSeconds(20)).ifPresent(LOG::warn);
    }
}
