package dev.robust.trainer.run;

import dev.robust.trainer.checkpoint.RunOutcomes;
import dev.robust.trainer.config.TrainerConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Publishes run ends that did not reach the broker when they happened: once at start-up (ends a previous process
 * recorded but could not publish) and then every {@code robust.trainer.outcome-retry}, so they go out once Kafka is
 * reachable again.
 */
@ApplicationScoped
public class OutcomeRelay {
    private static final Logger LOG = Logger.getLogger(OutcomeRelay.class);

    private final RunOutcomes outcomes;
    private final TrainerConfig config;
    private Thread thread;
    private volatile boolean closed;

    OutcomeRelay(RunOutcomes outcomes, TrainerConfig config) {
        this.outcomes = outcomes;
        this.config = config;
    }

    void start(@Observes StartupEvent startup) {
        thread = new Thread(this::relay, "run-outcome-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        closed = true;
        if (thread != null) thread.interrupt();
    }

    private void relay() {
        while (!closed) {
            try {
                int left = outcomes.republishPending();
                if (left > 0) {
                    LOG.warnf("%d run end(s) still unpublished; retrying in %s", left, config.outcomeRetry());
                }
            } catch (RuntimeException e) {
                LOG.warn("republishing run ends failed; retrying", e);
            }
            try {
                Thread.sleep(config.outcomeRetry().toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
