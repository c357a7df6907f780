package dev.robust.trainer.config;

import dev.robust.engine.Engine;
import dev.robust.engine.Engines;
import dev.robust.trainer.checkpoint.RunOutcomes;
import dev.robust.trainer.kafka.EventPublisher;
import dev.robust.trainer.kafka.KafkaClients;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.UnknownHostException;

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

    @Produces
    @Singleton
    EventPublisher eventPublisher(KafkaClients kafka) {
        return new EventPublisher(kafka.producer());
    }

    void closeEventPublisher(@Disposes EventPublisher publisher) {
        publisher.close();
    }

    /** Where run ends are recorded before they are published: the checkpoint store. */
    @Produces
    @Singleton
    RunOutcomes runOutcomes(TrainerConfig config, EventPublisher publisher) {
        return new RunOutcomes(config.checkpointStore(), publisher);
    }

    /** This replica's name: {@code trainer.instance-id}, or the host name (the pod name on Kubernetes). */
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
