package dev.robust.trainer.rest;

import dev.robust.common.profile.RunProfile;
import dev.robust.engine.Engine;
import dev.robust.trainer.config.AvailableEngines;
import dev.robust.trainer.config.InstanceId;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@Path("/info")
@Produces(MediaType.APPLICATION_JSON)
public class InfoResource {
    private final ServiceInfo info;

    InfoResource(@ConfigProperty(name = "quarkus.application.name") String service,
                 @ConfigProperty(name = "quarkus.application.version") String version,
                 @ConfigProperty(name = "kafka.bootstrap.servers") String kafkaBootstrapServers,
                 @InstanceId String instance, Engine engine, AvailableEngines engines) {
        this.info = new ServiceInfo(service, version, kafkaBootstrapServers, instance, engine.name(),
                engine.backend().asMap(), engine.architectures(), RunProfile.NAMES, engines.names());
    }

    @GET
    public ServiceInfo info() {
        return info;
    }
}
