package dev.robust.eval.rest;

/** What {@code GET /info} answers: which service this is, which build, and which Kafka it talks to. */
public record ServiceInfo(String service, String version, String kafkaBootstrapServers) {
}
