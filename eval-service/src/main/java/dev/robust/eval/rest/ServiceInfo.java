package dev.robust.eval.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What {@code GET /info} answers: which service this is, which build, and which Kafka it talks to. Same field
 * names as every service's {@code /info}, although this service otherwise answers in the events' snake_case.
 */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record ServiceInfo(String service, String version, String kafkaBootstrapServers) {
}
