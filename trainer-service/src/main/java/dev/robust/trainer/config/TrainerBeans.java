package dev.robust.trainer.config;

import dev.robust.common.profile.RunProfile;
import dev.robust.common.topic.Topics;
import dev.robust.engine.Engine;
import dev.robust.engine.Engines;
import dev.robust.service.info.InfoDetails;
import dev.robust.service.messaging.EventPublisher;
import dev.robust.service.messaging.KeptTopics;
import dev.robust.trainer.checkpoint.RunOutcomes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The few objects the trainer builds from its configuration rather than through CDI. */
public class TrainerBeans {
    private static final Logger LOG = Logger.getLogger(TrainerBeans.class);

    /** Every engine on the class path, built once; a run may ask for any of them. */
    @Produces
    @Singleton
    AvailableEngines availableEngines(TrainerConfig config) {
        AvailableEngines engines = new AvailableEngines(Engines.available(), config.engine());
        LOG.infof("engines on the class path: %s; default %s", engines.names(), engines.defaultEngine().name());
        return engines;
    }

    /**
     * The configured default engine, checked once: its backend self-check fails here, at start-up, not mid-run.
     * Other engines are checked when a run first asks for them (a failing check fails that run).
     */
    @Produces
    @Singleton
    Engine engine(AvailableEngines engines) {
        Engine engine = engines.defaultEngine();
        LOG.infof("engine %s: %s; architectures %s", engine.name(), engine.backend(), engine.architectures());
        return engine;
    }

    /** Where run ends are recorded before they are published: the checkpoint store. */
    @Produces
    @Singleton
    RunOutcomes runOutcomes(TrainerConfig config, EventPublisher publisher) {
        return new RunOutcomes(config.checkpointStore(), publisher);
    }

    /**
     * What {@code GET /info} adds: this replica, which engine trains by default (library, backend, whether oneDNN is
     * on), which models it can build, the run profiles, and which engines a run may ask for instead.
     */
    @Produces
    @Singleton
    InfoDetails info(@InstanceId String instance, Engine engine, AvailableEngines engines) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("instance", instance);
        fields.put("engine", engine.name());
        fields.put("backend", engine.backend().asMap());
        fields.put("models", engine.architectures());
        fields.put("profiles", RunProfile.NAMES);
        fields.put("engines", engines.names());
        return new InfoDetails(fields);
    }

    /** Every run validates on {@code cifar10.val}; {@code train.pairs} is checked by its writer, which knows its lead. */
    @Produces
    @Singleton
    KeptTopics keptTopics() {
        return new KeptTopics(List.of(Topics.CIFAR10_VAL));
    }

    /** This replica's name: {@code robust.trainer.instance-id}, or the host name (the pod name on Kubernetes). */
    @Produces
    @Singleton
    @InstanceId
    String instanceId(TrainerConfig config) {
        return config.instanceId().orElseGet(() -> {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "trainer-" + ProcessHandle.current().pid();
            }
        });
    }
}
