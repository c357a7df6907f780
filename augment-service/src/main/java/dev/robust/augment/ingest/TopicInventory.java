package dev.robust.augment.ingest;

import dev.robust.augment.config.AugmentSettings;
import dev.robust.augment.messaging.TopicReader;
import dev.robust.common.codec.CodecException;
import dev.robust.common.codec.LabeledImageCodec;
import dev.robust.common.corruption.Corruption;
import dev.robust.common.topic.RecordHeaders;
import dev.robust.common.topic.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;

/**
 * What the data topics hold, read back from Kafka: the last record per key (what a consumer that dedupes by key,
 * or a compacted topic, ends up with), summarised per label or severity. A topic's table is kept between calls and
 * brought up to date by reading only the records appended since, so repeated queries stay cheap.
 */
@ApplicationScoped
public class TopicInventory {
    /** Header naming the data an ingest came from; equal fingerprints mean identical records (see DatasetIngest). */
    public static final String HEADER_FINGERPRINT = "dataset-fingerprint";

    private final TopicReader reader;
    private final Duration timeout;
    private final Map<String, KeyTable> tables = new HashMap<>();

    TopicInventory(TopicReader reader, AugmentSettings settings) {
        this.reader = reader;
        this.timeout = settings.ingest().readTimeout();
    }

    /** One record's summary: label (-1 if the value is malformed), dataset label and fingerprint headers. */
    record Entry(int label, String dataset, String fingerprint) {
    }

    private static final class KeyTable {
        Map<Integer, Long> ends = Map.of();
        final Map<String, Entry> entries = new HashMap<>();
    }

    public record DatasetTopic(String topic, long records, Map<Integer, Long> byLabel, Set<String> datasets,
                               long malformed) {
    }

    public record CorruptionTopic(String topic, String corruption, long records, Map<Integer, Long> bySeverity,
                                  Set<String> datasets) {
    }

    public DatasetTopic datasetTopic(String topic) throws TimeoutException {
        Map<String, Entry> entries = refresh(topic);
        Map<Integer, Long> byLabel = new TreeMap<>();
        Set<String> datasets = new TreeSet<>();
        long malformed = 0;
        for (Entry entry : entries.values()) {
            if (entry.label() < 0) malformed++;
            else byLabel.merge(entry.label(), 1L, Long::sum);
            if (entry.dataset() != null) datasets.add(entry.dataset());
        }
        return new DatasetTopic(topic, entries.size() - malformed, byLabel, datasets, malformed);
    }

    public CorruptionTopic corruptionTopic(Corruption corruption) throws TimeoutException {
        String topic = Topics.cifar10c(corruption);
        Map<String, Entry> entries = refresh(topic);
        Map<Integer, Long> bySeverity = new TreeMap<>();
        Set<String> datasets = new TreeSet<>();
        long records = 0;
        for (var entry : entries.entrySet()) {
            if (entry.getValue().label() < 0) continue;
            records++;
            bySeverity.merge(severityOf(entry.getKey()), 1L, Long::sum);
            if (entry.getValue().dataset() != null) datasets.add(entry.getValue().dataset());
        }
        return new CorruptionTopic(topic, corruption.id(), records, bySeverity, datasets);
    }

    /** True when {@code topic} holds exactly {@code records} well-formed records, all stamped {@code fingerprint}. */
    public boolean holdsExactly(String topic, long records, String fingerprint) throws TimeoutException {
        Map<String, Entry> entries = refresh(topic);
        return entries.size() == records
                && entries.values().stream().allMatch(entry -> fingerprint.equals(entry.fingerprint()));
    }

    private synchronized Map<String, Entry> refresh(String topic) throws TimeoutException {
        KeyTable table = tables.computeIfAbsent(topic, t -> new KeyTable());
        table.ends = reader.readFrom(topic, table.ends, timeout, record -> apply(table, record));
        return Map.copyOf(table.entries);
    }

    private static void apply(KeyTable table, ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) return;
        if (record.value() == null) {
            table.entries.remove(record.key());
            return;
        }
        int label;
        try {
            label = LabeledImageCodec.decode(record.value()).label();
        } catch (CodecException e) {
            label = -1;
        }
        table.entries.put(record.key(), new Entry(label, RecordHeaders.text(record.headers(), Topics.HEADER_DATASET),
                RecordHeaders.text(record.headers(), HEADER_FINGERPRINT)));
    }

    private static int severityOf(String key) {
        int slash = key.indexOf('/');
        try {
            return Integer.parseInt(slash < 0 ? key : key.substring(0, slash));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
