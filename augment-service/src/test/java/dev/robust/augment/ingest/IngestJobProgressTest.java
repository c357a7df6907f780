package dev.robust.augment.ingest;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A job's progress is acknowledged over expected records, and never goes back while it runs. */
class IngestJobProgressTest {
    @Test
    void progressCountsEveryDeclaredTopicFromTheStart() {
        IngestJob job = new IngestJob("job-1", CorruptionIngest.KIND, Map.of());
        job.expect("cifar10c.fog", 300);
        job.expect("cifar10c.snow", 100);
        assertEquals(0.0, job.progress());
        job.acknowledged("cifar10c.fog", 300);
        assertEquals(0.75, job.progress(), 1e-12);
        job.skipped("cifar10c.snow", "already holds these images");
        assertEquals(1.0, job.progress(), 1e-12);
    }

    /** Declaring a topic late would grow the total under a running job: 100 % of one topic, then 50 % of two. */
    @Test
    void aTopicDeclaredAfterRecordsWereAcknowledgedIsRefused() {
        IngestJob job = new IngestJob("job-2", DatasetIngest.KIND, Map.of());
        job.expect("cifar10.train", 10);
        job.acknowledged("cifar10.train", 10);
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> job.expect("cifar10.test", 10));
        assertEquals(1.0, job.progress(), 1e-12);
        assertTrue(refused.getMessage().contains("cifar10.test"), refused.getMessage());
    }
}
