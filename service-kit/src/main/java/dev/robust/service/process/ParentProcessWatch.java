package dev.robust.service.process;

import dev.robust.common.process.ParentWatch;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Ends the service when the {@code robust} CLI that started it is gone, even if the CLI was killed with SIGKILL
 * (common's {@link ParentWatch}; the CLI passes its pid as {@value ParentWatch#PROPERTY}). Started any other way,
 * the service is not watched.
 */
@ApplicationScoped
public class ParentProcessWatch {
    private static final Logger LOG = Logger.getLogger(ParentProcessWatch.class);

    void start(@Observes StartupEvent startup) {
        ParentWatch.startFromSystemProperty()
                .ifPresent(pid -> LOG.infof("started by process %d; exiting when it is gone", pid));
    }
}
