package dev.robust.common.topic;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether a topic's retention ({@code cleanup.policy}, {@code retention.ms}, {@code retention.bytes}, each the
 * topic's own value or the broker's default) can hold what a service keeps there. Each service checks the topics it
 * depends on at start and refuses a configuration that cannot; a reason names the numbers and the setting to change.
 * Retention applies only where {@code cleanup.policy} includes {@code delete}; {@code -1} means no limit.
 */
public final class TopicRetention {
    private TopicRetention() {
    }

    /**
     * The effective configs of those of {@code topics} that exist (a missing topic is skipped: whoever creates it
     * sets its retention).
     */
    public static Map<String, Map<String, String>> read(Admin admin, Collection<String> topics, Duration timeout)
            throws InterruptedException {
        Set<String> existing = get(admin.listTopics().names(), timeout);
        List<ConfigResource> resources = topics.stream().filter(existing::contains)
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
        Map<ConfigResource, Config> configs = get(admin.describeConfigs(resources).all(), timeout);
        Map<String, Map<String, String>> result = new HashMap<>();
        configs.forEach((resource, config) -> {
            Map<String, String> values = new HashMap<>();
            for (ConfigEntry entry : config.entries()) {
                if (entry.value() != null) values.put(entry.name(), entry.value());
            }
            result.put(resource.name(), values);
        });
        return result;
    }

    /**
     * What is wrong with the retention of those of {@code dataTopics} that exist ({@link #keepsForever}); empty when
     * nothing is. Throws {@link IllegalStateException} when the broker cannot be asked.
     */
    public static List<String> dataTopicProblems(Admin admin, Collection<String> dataTopics, Duration timeout)
            throws InterruptedException {
        Map<String, Map<String, String>> configs = read(admin, dataTopics, timeout);
        return dataTopics.stream().filter(configs::containsKey)
                .flatMap(topic -> keepsForever(topic, configs.get(topic)).stream()).toList();
    }

    /**
     * The start-up check of a service that reads data topics: throws {@link IllegalStateException} naming every
     * problem when one of {@code dataTopics} would expire; returns a warning to log when the broker could not be
     * asked (readiness reports an unreachable broker; the service need not refuse to start for it).
     */
    public static Optional<String> requireDataKept(Admin admin, Collection<String> dataTopics, Duration timeout)
            throws InterruptedException {
        List<String> problems;
        try {
            problems = dataTopicProblems(admin, dataTopics, timeout);
        } catch (IllegalStateException e) {
            return Optional.of("cannot check the retention of " + dataTopics + ": " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("topic retention cannot hold what runs need: " + String.join("; ", problems));
        }
        return Optional.empty();
    }

    /**
     * A topic that holds a data set runs read must never delete it: no {@code delete} policy, or one with
     * {@code retention.ms=-1} and {@code retention.bytes=-1}.
     */
    public static Optional<String> keepsForever(String topic, Map<String, String> config) {
        if (!deletes(config)) return Optional.empty();
        long ms = number(config, TopicConfig.RETENTION_MS_CONFIG);
        long bytes = number(config, TopicConfig.RETENTION_BYTES_CONFIG);
        if (ms == -1 && bytes == -1) return Optional.empty();
        return Optional.of(topic + " holds a data set that runs read, but it deletes records (cleanup.policy="
                + config.get(TopicConfig.CLEANUP_POLICY_CONFIG) + ")" + (ms == -1 ? "" : " after retention.ms=" + ms)
                + (bytes == -1 ? "" : (ms == -1 ? "" : " and") + " beyond retention.bytes=" + bytes + " per partition")
                + ": set retention.ms=-1 and retention.bytes=-1 on " + topic + " (or cleanup.policy=compact)");
    }

    /**
     * A topic must keep {@code bytesPerPartition} unread bytes and records {@code age} old.
     *
     * @param what        what the bytes are, e.g. "4,096 pairs of 72x72 views ahead of the trainer"
     * @param bytesSetting the setting that makes the bytes fewer
     * @param ageSetting   the setting that makes the age shorter
     */
    public static Optional<String> holds(String topic, Map<String, String> config, long bytesPerPartition,
                                         Duration age, String what, String bytesSetting, String ageSetting) {
        if (!deletes(config)) return Optional.empty();
        long bytes = number(config, TopicConfig.RETENTION_BYTES_CONFIG);
        if (bytes != -1 && bytes < bytesPerPartition) {
            return Optional.of(String.format("%s keeps %,d bytes per partition (retention.bytes), but %s need %,d:"
                    + " raise retention.bytes of %s or lower %s", topic, bytes, what, bytesPerPartition, topic,
                    bytesSetting));
        }
        long ms = number(config, TopicConfig.RETENTION_MS_CONFIG);
        if (ms != -1 && ms < age.toMillis()) {
            return Optional.of(String.format("%s deletes records after %,d ms (retention.ms), but unread ones may wait"
                    + " %,d ms (%s): raise retention.ms of %s or lower %s", topic, ms, age.toMillis(), ageSetting,
                    topic, ageSetting));
        }
        return Optional.empty();
    }

    private static boolean deletes(Map<String, String> config) {
        String policy = config.getOrDefault(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        return List.of(policy.replace(" ", "").split(",")).contains(TopicConfig.CLEANUP_POLICY_DELETE);
    }

    private static long number(Map<String, String> config, String key) {
        String value = config.get(key);
        if (value == null) return -1; // not reported: the broker applies no limit of its own
        return Long.parseLong(value.trim());
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future, Duration timeout)
            throws InterruptedException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read topic configs: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not describe the topics within " + timeout.toSeconds()
                    + " s", e);
        }
    }
}
