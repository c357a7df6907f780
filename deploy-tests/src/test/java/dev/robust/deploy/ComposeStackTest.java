package dev.robust.deploy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * docker-compose.yml brought up for real: images built from the packaged services, Kafka healthy, every service
 * ready and connected to the compose broker. Runs only where a Docker engine and the compose plugin are available
 * and the services have been packaged; skipped otherwise.
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeStackTest {
    /** Building three images and starting a JVM per service takes a while on a small machine. */
    private static final Duration STARTUP = Duration.ofMinutes(5);

    private static ComposeContainer stack;

    @BeforeAll
    static void startStack() {
        for (ServiceModule service : ServiceModule.values()) {
            assumeTrue(Files.isRegularFile(service.quarkusRunner()),
                    service + " is not packaged yet (./mvnw package -DskipTests builds what the images copy)");
        }
        assumeTrue(ExternalCommand.works(List.of("docker", "compose", "version")),
                "the docker compose plugin is not installed");
        ComposeContainer compose = new ComposeContainer(RepositoryFiles.existing(ComposeFile.MAIN).toFile())
                .withBuild(true)
                .withRemoveVolumes(true);
        for (ServiceModule service : ServiceModule.values()) {
            compose = compose.withExposedService(service.serviceName(), service.httpPort(),
                    Wait.forHttp("/q/health/ready").forStatusCode(200).withStartupTimeout(STARTUP));
        }
        stack = compose;
        stack.start();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) stack.stop();
    }

    @Test
    void everyServiceIsReadyConnectedToTheComposeBrokerAndExposesMetrics() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        for (ServiceModule service : ServiceModule.values()) {
            String base = "http://" + stack.getServiceHost(service.serviceName(), service.httpPort()) + ":"
                    + stack.getServicePort(service.serviceName(), service.httpPort());

            HttpResponse<String> info = get(http, base + "/info");
            assertEquals(200, info.statusCode(), service + " /info");
            assertTrue(info.body().contains("kafka:9092"), service + " should name the compose broker: " + info.body());

            assertEquals(200, get(http, base + "/q/metrics").statusCode(), service + " /q/metrics");
        }
    }

    private static HttpResponse<String> get(HttpClient http, String uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
