package dev.robust.augment.messaging;

import dev.robust.augment.config.AugmentSettings;
import dev.robust.augment.pairs.ReaderLead;
import dev.robust.common.corruption.Corruption;
import dev.robust.common.profile.RunProfile;
import dev.robust.common.topic.TopicRetention;
import dev.robust.common.topic.Topics;
import dev.robust.service.messaging.KafkaClients;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates, at start-up, the topics this service writes or consumes, if they are missing. Data topics are compacted:
 * records are keyed by dataset index, so re-ingesting the same data set leaves one record per image once the log
 * cleaner has run, and consumers that keep the last value per key never see a duplicate; they never expire
 * ({@code retention.ms} and {@code retention.bytes} -1, in case a policy of {@code compact,delete} is set later).
 * {@code train.pairs} is deleted by age and size instead (an epoch of 72×72 pairs is ~1.5 GB).
 *
 * <p>Existing topics are left as they are, but then checked ({@link TopicRetention}): the service refuses to start
 * when a data topic would expire, or when {@code train.pairs} cannot hold the flow-control lead of pairs of the
 * largest views a shipped profile asks for ({@link ReaderLead} checks each run's own views again).
 */
@ApplicationScoped
public class TopicProvisioner {
    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaClients clients;
    private final AugmentSettings.Topics settings;
    private final ReaderLead readerLead;

    TopicProvisioner(KafkaClients clients, AugmentSettings settings, ReaderLead readerLead) {
        this.clients = clients;
        this.settings = settings.topics();
        this.readerLead = readerLead;
    }

    void onStart(@Observes StartupEvent event) throws InterruptedException {
        List<NewTopic> topics = new ArrayList<>();
        Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.RETENTION_MS_CONFIG, "-1", TopicConfig.RETENTION_BYTES_CONFIG, "-1");
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
        requireRetention();
    }

    private void requireRetention() throws InterruptedException {
        List<String> data = new ArrayList<>(List.of(Topics.CIFAR10_TRAIN, Topics.CIFAR10_VAL, Topics.CIFAR10_TEST));
        for (Corruption corruption : Corruption.values()) data.add(Topics.cifar10c(corruption));
        List<String> problems = new ArrayList<>(TopicRetention.dataTopicProblems(clients.admin(), data, CHECK_TIMEOUT));
        Map<String, Map<String, String>> configs = TopicRetention.read(clients.admin(), List.of(Topics.TRAIN_PAIRS),
                CHECK_TIMEOUT);
        int side = RunProfile.NAMES.stream().mapToInt(name -> RunProfile.named(name).crop()).max().orElseThrow();
        readerLead.problemHolding(configs.get(Topics.TRAIN_PAIRS), side).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("topic retention cannot hold what runs need: " + String.join("; ", problems));
        }
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
