package dev.robust.kafka.embedded.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Starts a {@link TestKitBroker} before a Quarkus application under test and points the application at it.
 * A service enables it once for all its tests with
 * {@code @QuarkusTestResource(EmbeddedKafkaTestResource.class)} on any test class (the resource is global by
 * default, so every {@code @QuarkusTest} of the module shares one broker).
 */
public class EmbeddedKafkaTestResource implements QuarkusTestResourceLifecycleManager {
    private static final String KAFKA_STREAMS_EXTENSION = "io.quarkus.kafka.streams.runtime.KafkaStreamsProducer";

    private TestKitBroker broker;

    @Override
    public Map<String, String> start() {
        broker = TestKitBroker.start();
        String bootstrap = broker.bootstrapServers();
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", bootstrap);
        // Only where the Kafka Streams extension is present: elsewhere Quarkus warns about an unknown key.
        if (isOnClasspath(KAFKA_STREAMS_EXTENSION)) {
            config.put("quarkus.kafka-streams.bootstrap-servers", bootstrap);
        }
        return config;
    }

    private static boolean isOnClasspath(String className) {
        try {
            Class.forName(className, false, Thread.currentThread().getContextClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
