package dev.robust.eval.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.Map;

/**
 * What {@code GET /info} answers: which service this is, which build, which Kafka it talks to, and the engines it
 * loads checkpoints with (engine name → library, backend, whether oneDNN is on). Same field
 * names as every service's {@code /info}, although this service otherwise answers in the events' snake_case.
 */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record ServiceInfo(String service, String version, String kafkaBootstrapServers,
                          Map<String, Map<String, Object>> engines) {
}
