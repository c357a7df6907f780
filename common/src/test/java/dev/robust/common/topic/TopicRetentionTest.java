package dev.robust.common.topic;

import dev.robust.common.pairs.TrainPairsProtocol;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicRetentionTest {
    private static final Map<String, String> BROKER_DEFAULTS = Map.of("cleanup.policy", "delete",
            "retention.ms", "86400000", "retention.bytes", "536870912");

    @Test
    void aDataTopicMustNotDeleteByAgeOrSizeUnlessItOnlyCompacts() {
        assertEquals(Optional.empty(), TopicRetention.keepsForever("cifar10.test", Map.of("cleanup.policy", "compact",
                "retention.ms", "604800000", "retention.bytes", "-1")));
        assertEquals(Optional.empty(), TopicRetention.keepsForever("cifar10.test", Map.of("cleanup.policy", "delete",
                "retention.ms", "-1", "retention.bytes", "-1")));

        String reason = TopicRetention.keepsForever("cifar10.test", BROKER_DEFAULTS).orElseThrow();
        assertEquals("cifar10.test holds a data set that runs read, but it deletes records (cleanup.policy=delete) "
                + "after retention.ms=86400000 and beyond retention.bytes=536870912 per partition: set "
                + "retention.ms=-1 and retention.bytes=-1 on cifar10.test (or cleanup.policy=compact)", reason);
        assertTrue(TopicRetention.keepsForever("cifar10c.fog", Map.of("cleanup.policy", "compact,delete",
                "retention.ms", "-1", "retention.bytes", "1000")).orElseThrow().contains("beyond retention.bytes=1000"));
    }

    @Test
    void pairsNeedRoomForTheLeadAndTimeForTheReader() {
        long lead = 4_096 * TrainPairsProtocol.pairRecordBytes(72);
        assertEquals(Optional.empty(), TopicRetention.holds("train.pairs", BROKER_DEFAULTS, lead,
                Duration.ofMinutes(15), "the lead", "robust.augment.pairs.lead", "robust.augment.pairs.reader-wait"));

        String bytes = TopicRetention.holds("train.pairs", Map.of("cleanup.policy", "delete", "retention.ms", "-1",
                "retention.bytes", "4194304"), lead, Duration.ofMinutes(15), "4,096 pairs of 72x72 views",
                "robust.augment.pairs.lead", "robust.augment.pairs.reader-wait").orElseThrow();
        assertEquals("train.pairs keeps 4,194,304 bytes per partition (retention.bytes), but 4,096 pairs of 72x72 "
                + "views need " + String.format("%,d", lead) + ": raise retention.bytes of train.pairs or lower "
                + "robust.augment.pairs.lead", bytes);

        String age = TopicRetention.holds("train.pairs", Map.of("cleanup.policy", "delete", "retention.ms", "60000",
                "retention.bytes", "-1"), lead, Duration.ofMinutes(15), "the lead", "robust.augment.pairs.lead",
                "robust.augment.pairs.reader-wait").orElseThrow();
        assertTrue(age.startsWith("train.pairs deletes records after 60,000 ms (retention.ms), but unread ones may "
                + "wait 900,000 ms (robust.augment.pairs.reader-wait)"), age);
        assertEquals(Optional.empty(), TopicRetention.holds("train.pairs", Map.of("cleanup.policy", "compact"), lead,
                Duration.ofDays(1), "the lead", "a", "b"));
    }
}
