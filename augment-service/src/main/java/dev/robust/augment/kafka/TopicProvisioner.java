package dev.robust.augment.kafka;

import dev.robust.augment.config.AugmentSettings;
import dev.robust.common.corruption.Corruption;
import dev.robust.common.topic.Topics;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates, at start-up, the topics this service writes or consumes, if they are missing. Data topics are compacted:
 * records are keyed by dataset index, so re-ingesting the same data set leaves one record per image once the log
 * cleaner has run, and consumers that keep the last value per key never see a duplicate. {@code train.pairs} is
 * deleted by age instead (an epoch of 72×72 pairs is ~1.5 GB). Existing topics are left as they are.
 */
@ApplicationScoped
public class TopicProvisioner {
    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);

    private final KafkaClients clients;
    private final AugmentSettings.Topics settings;

    TopicProvisioner(KafkaClients clients, AugmentSettings settings) {
        this.clients = clients;
        this.settings = settings.topics();
    }

    void onStart(@Observes StartupEvent event) throws InterruptedException {
        List<NewTopic> topics = new ArrayList<>();
        Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        for (String topic : List.of(Topics.CIFAR10_TRAIN, Topics.CIFAR10_VAL, Topics.CIFAR10_TEST)) {
            topics.add(topic(topic, compacted));
        }
        for (Corruption corruption : Corruption.values()) topics.add(topic(Topics.cifar10c(corruption), compacted));
        topics.add(topic(Topics.TRAIN_PAIRS, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(settings.pairsRetention().toMillis()))));
        topics.add(topic(Topics.RUNS, Map.of()));
        for (String consumed : List.of(Topics.RUNS, Topics.CIFAR10_TRAIN, Topics.CIFAR10_TEST)) {
            topics.add(topic(Topics.dlq(consumed), Map.of()));
        }
        create(topics);
    }

    private NewTopic topic(String name, Map<String, String> config) {
        return new NewTopic(name, settings.partitions(), settings.replicationFactor()).configs(config);
    }

    private void create(List<NewTopic> topics) throws InterruptedException {
        var results = clients.admin().createTopics(topics).values();
        int created = 0;
        for (var entry : results.entrySet()) {
            try {
                entry.getValue().get(30, TimeUnit.SECONDS);
                created++;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + entry.getKey() + ": "
                            + e.getCause().getMessage(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("broker did not confirm topic " + entry.getKey() + " within 30 s", e);
            }
        }
        LOG.infof("topics: %d created, %d already there", created, topics.size() - created);
    }
}
