package dev.robust.trainer.config;

import dev.robust.common.topic.TopicRetention;
import dev.robust.common.topic.Topics;
import dev.robust.trainer.messaging.KafkaClients;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;

/**
 * Refuses to start when {@code cifar10.val}, which every run validates on, would expire ({@link TopicRetention};
 * a topic not created yet is skipped: the augment-service creates it). {@code train.pairs} is checked by its writer,
 * which knows the lead it keeps there.
 */
@ApplicationScoped
public class RetentionCheck {
    private static final Logger LOG = Logger.getLogger(RetentionCheck.class);

    private final KafkaClients kafka;

    RetentionCheck(KafkaClients kafka) {
        this.kafka = kafka;
    }

    void onStart(@Observes StartupEvent startup) throws InterruptedException {
        try (Admin admin = kafka.admin()) {
            TopicRetention.requireDataKept(admin, List.of(Topics.CIFAR10_VAL), Duration.ofSeconds(20))
                    .ifPresent(LOG::warn);
        }
    }
}
