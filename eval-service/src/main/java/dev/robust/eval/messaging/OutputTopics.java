package dev.robust.eval.messaging;

import dev.robust.common.topic.Topics;
import dev.robust.service.messaging.KafkaClients;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Creates the topics this service writes, compacted (the latest result per key is the truth), when they do not
 * exist yet, e.g. on a fresh local broker. Where topics are managed declaratively (the Strimzi {@code KafkaTopic}s
 * under {@code deploy/}), they already exist and this does nothing. The query table needs {@code evaluations} to
 * exist before Kafka Streams can start.
 */
@ApplicationScoped
public class OutputTopics {
    private static final Logger LOG = Logger.getLogger(OutputTopics.class);
    private static final List<String> COMPACTED = List.of(Topics.EVALUATIONS, Topics.EVALUATION_SUMMARIES,
            Topics.EVALUATION_PREDICTIONS);

    private final KafkaClients clients;

    OutputTopics(KafkaClients clients) {
        this.clients = clients;
    }

    void ensure(@Observes StartupEvent startup) {
        Admin admin = clients.admin();
        try {
            Set<String> existing = admin.listTopics().names().get();
            for (String topic : COMPACTED) {
                if (existing.contains(topic)) continue;
                NewTopic newTopic = new NewTopic(topic, Optional.empty(), Optional.empty())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                try {
                    admin.createTopics(List.of(newTopic)).all().get();
                    LOG.infof("created compacted topic %s", topic);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) throw e;
                }
            }
        } catch (ExecutionException e) {
            // Not fatal: the broker may be starting; Kafka Streams waits for the topics and readiness says so.
            LOG.warnf("could not create %s: %s", COMPACTED, e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
