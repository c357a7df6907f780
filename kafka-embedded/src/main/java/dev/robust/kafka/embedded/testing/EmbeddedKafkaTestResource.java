package dev.robust.kafka.embedded.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Starts a {@link TestKitBroker} before a Quarkus application under test and points the application at it.
 * A service enables it once for all its tests with
 * {@code @QuarkusTestResource(EmbeddedKafkaTestResource.class)} on any test class (the resource is global by
 * default, so every {@code @QuarkusTest} of the module shares one broker).
 */
public class EmbeddedKafkaTestResource implements QuarkusTestResourceLifecycleManager {
    private TestKitBroker broker;

    @Override
    public Map<String, String> start() {
        broker = TestKitBroker.start();
        String bootstrap = broker.bootstrapServers();
        return Map.of(
                "kafka.bootstrap.servers", bootstrap,
                "quarkus.kafka-streams.bootstrap-servers", bootstrap);
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
