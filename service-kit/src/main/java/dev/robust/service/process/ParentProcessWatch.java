package dev.robust.service.process;

import dev.robust.common.process.ParentWatch;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

/**
 * Ends the service when the {@code robust} CLI that started it is gone, even if the CLI was killed with SIGKILL
 * (common's {@link ParentWatch}; the CLI passes its pid as {@value ParentWatch#PROPERTY}). Started any other way,
 * the service is not watched.
 */
@ApplicationScoped
public class ParentProcessWatch {
    private static final Logger LOG = Logger.getLogger(ParentProcessWatch.class);

    /**
     * First of all startup observers: the others may block waiting for Kafka (retention checks, topics), and a
     * service whose CLI died meanwhile must not sit there holding its port.
     */
    void start(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent startup) {
        ParentWatch.startFromSystemProperty()
                .ifPresent(pid -> LOG.infof("started by process %d; exiting when it is gone", pid));
    }
}
