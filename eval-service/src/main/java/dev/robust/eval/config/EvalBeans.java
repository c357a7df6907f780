package dev.robust.eval.config;

import dev.robust.common.corruption.Corruption;
import dev.robust.common.topic.Topics;
import dev.robust.eval.engine.EngineBackends;
import dev.robust.service.info.InfoDetails;
import dev.robust.service.messaging.KeptTopics;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the eval-service tells the service kit about itself. */
public class EvalBeans {

    /** {@code GET /info} adds the engines checkpoints load with (engine → library, backend, whether oneDNN is on). */
    @Produces
    @Singleton
    InfoDetails info(EngineBackends engines) {
        return new InfoDetails(Map.of("engines", engines.byName()));
    }

    /** Every checkpoint is scored on {@code cifar10.test} and the {@code cifar10c.*} topics: they must be kept. */
    @Produces
    @Singleton
    KeptTopics keptTopics() {
        List<String> topics = new ArrayList<>(List.of(Topics.CIFAR10_TEST));
        for (Corruption corruption : Corruption.values()) topics.add(Topics.cifar10c(corruption));
        return new KeptTopics(topics);
    }
}
