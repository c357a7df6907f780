package dev.robust.eval.config;

import dev.robust.common.corruption.Corruption;
import dev.robust.common.topic.TopicRetention;
import dev.robust.common.topic.Topics;
import dev.robust.eval.messaging.KafkaClients;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses to start when {@code cifar10.test} or a {@code cifar10c.*} topic, which every checkpoint is scored on,
 * would expire ({@link TopicRetention}; a topic not created yet is skipped: the augment-service creates it).
 */
@ApplicationScoped
public class RetentionCheck {
    private static final Logger LOG = Logger.getLogger(RetentionCheck.class);

    private final KafkaClients kafka;

    RetentionCheck(KafkaClients kafka) {
        this.kafka = kafka;
    }

    void onStart(@Observes StartupEvent startup) throws InterruptedException {
        List<String> topics = new ArrayList<>(List.of(Topics.CIFAR10_TEST));
        for (Corruption corruption : Corruption.values()) topics.add(Topics.cifar10c(corruption));
        try (Admin admin = kafka.admin()) {
            TopicRetention.requireDataKept(admin, topics, Duration.ofSeconds(20)).ifPresent(LOG::warn);
        }
    }
}
