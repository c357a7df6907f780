package dev.robust.common.topic;

import dev.robust.common.corruption.Corruption;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicsTest {
    @Test
    void corruptionTopicsUseTheReleasedFileStem() {
        assertEquals("cifar10c.gaussian_noise", Topics.cifar10c(Corruption.GAUSSIAN_NOISE));
        assertEquals("cifar10c.jpeg_compression", Topics.cifar10c(Corruption.JPEG_COMPRESSION));
    }

    @Test
    void deadLetterTopicAppendsDlq() {
        assertEquals("train.pairs.dlq", Topics.dlq(Topics.TRAIN_PAIRS));
    }

    @Test
    void allListsEveryTopicOnceWithKafkaLegalNames() {
        List<String> all = Topics.all();
        assertEquals(9 + Corruption.values().length, all.size());
        assertEquals(all.size(), new HashSet<>(all).size());
        assertTrue(all.containsAll(List.of("cifar10.train", "cifar10.val", "cifar10.test", "train.pairs", "runs",
                "model.checkpoints", "evaluations", "evaluation.summaries", "evaluation.predictions", "cifar10c.saturate")));
        all.forEach(topic -> assertTrue(topic.matches("[a-z0-9._-]{1,200}"), topic));
    }
}
