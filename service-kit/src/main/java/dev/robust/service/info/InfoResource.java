package dev.robust.service.info;

import dev.robust.service.messaging.KafkaClients;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /info}: which service this is, which build, which Kafka it talks to, then what the service adds
 * ({@link InfoDetails}: its engines, its replica name…). The names are the same in every service, whatever
 * naming strategy its other answers use.
 */
@Path("/info")
@Produces(MediaType.APPLICATION_JSON)
public class InfoResource {
    private final Map<String, Object> info;

    InfoResource(@ConfigProperty(name = "quarkus.application.name") String service,
                 @ConfigProperty(name = "quarkus.application.version") String version,
                 KafkaClients kafka, Instance<InfoDetails> details) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("service", service);
        info.put("version", version);
        info.put("kafkaBootstrapServers", kafka.bootstrapServers());
        if (details.isResolvable()) info.putAll(details.get().fields());
        this.info = Collections.unmodifiableMap(info);
    }

    @GET
    public Map<String, Object> info() {
        return info;
    }
}
