package dev.robust.eval.rest;

import dev.robust.eval.engine.EngineBackends;
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
                 EngineBackends engines) {
        this.info = new ServiceInfo(service, version, kafkaBootstrapServers, engines.byName());
    }

    @GET
    public ServiceInfo info() {
        return info;
    }
}
