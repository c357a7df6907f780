package dev.robust.trainer.rest;

import java.util.List;
import java.util.Map;

/**
 * What {@code GET /info} answers: which service this is, which build, which Kafka it talks to, which engine
 * trains by default (library, backend, whether oneDNN is on), which models it can build, and which engines a run
 * may ask for instead.
 */
public record ServiceInfo(String service, String version, String kafkaBootstrapServers, String instance,
                          String engine, Map<String, Object> backend, List<String> models, List<String> profiles,
                          List<String> engines) {
}
