package dev.robust.eval.messaging;

import dev.robust.common.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * Gives {@code model.checkpoints} the partitions the scoring replicas share: creates it with them, or raises a topic
 * with fewer (one a broker auto-created, or a stack from before) to that count. Claim checks are placed by the
 * trainer, not by their keys, so adding partitions moves nothing that was ordered. Where topics are managed
 * declaratively (the Strimzi {@code KafkaTopic}s under {@code deploy/}) the topic has them already.
 */
final class CheckpointTopic {
    private static final Logger LOG = Logger.getLogger(CheckpointTopic.class);

    private CheckpointTopic() {
    }

    /** Makes sure the topic has at least {@code partitions}; a failure is logged, the service scores on regardless. */
    static void ensurePartitions(Admin admin, int partitions) throws InterruptedException {
        String topic = Topics.MODEL_CHECKPOINTS;
        try {
            try {
                admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()))).all().get();
                LOG.infof("created %s with %d partitions", topic, partitions);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) throw e;
            }
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            int existing = description.partitions().size();
            if (existing >= partitions) return;
            try {
                admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(partitions))).all().get();
                LOG.infof("raised %s from %d to %d partitions, so that many replicas can share the scoring", topic,
                        existing, partitions);
            } catch (ExecutionException e) {
                // Another replica raised it at the same moment.
                if (!(e.getCause() instanceof InvalidPartitionsException)) throw e;
            }
        } catch (ExecutionException e) {
            LOG.warnf("could not give %s %d partitions (%s); replicas share only the partitions it has", topic,
                    partitions, e.getCause().getMessage());
        }
    }
}
