package dev.robust.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The few REST calls the CLI makes to the services, JSON in and out. The CLI reads answers as trees rather than
 * the services' own classes: no service's code is on the CLI's class path, only the documented fields are read.
 */
final class JsonHttp {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper mapper = new ObjectMapper();
    private final String bearerToken;

    /** @param bearerToken sent with requests that change state; null when the services require none */
    JsonHttp(String bearerToken) {
        this.bearerToken = bearerToken;
    }

    JsonNode get(URI uri) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    JsonNode post(URI uri, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)));
        return send(authorized(request));
    }

    /** Sends {@code file}'s bytes as the body, e.g. a model to {@code POST /models}. */
    JsonNode postFile(URI uri, Path file, String contentType) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofFile(file));
        return send(authorized(request));
    }

    JsonNode delete(URI uri) throws IOException, InterruptedException {
        return send(authorized(HttpRequest.newBuilder(uri).DELETE()));
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return bearerToken == null ? request : request.header("Authorization", "Bearer " + bearerToken);
    }

    /** A problem's detail (and the field it names), or the body as it came when it is no problem document. */
    private String problemDetail(String body) {
        try {
            JsonNode problem = mapper.readTree(body);
            if (problem.hasNonNull("detail")) {
                return problem.get("detail").asText()
                        + (problem.hasNonNull("field") ? " (field " + problem.get("field").asText() + ")" : "");
            }
        } catch (IOException notJson) {
            // Shown as it came.
        }
        return body;
    }

    private JsonNode send(HttpRequest.Builder builder) throws IOException, InterruptedException {
        HttpRequest request = builder.timeout(REQUEST_TIMEOUT).header("Accept", "application/json").build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(request.method() + " " + request.uri() + " answered HTTP " + response.statusCode()
                    + (response.body().isBlank() ? "" : ": " + problemDetail(response.body())));
        }
        return response.body().isBlank() ? mapper.nullNode() : mapper.readTree(response.body());
    }
}
