package dev.robust.service.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Throws bad requests at a running service — malformed JSON, bodies that are not objects, unknown fields, values of
 * the wrong type, out-of-range numbers, huge bodies, wrong media types, wrong methods, unknown ids — and checks that
 * every answer is a 4xx {@code application/problem+json} with a non-empty detail that does not echo the input, and
 * that the service still serves afterwards. A service's test names its endpoints; the bad requests are made here.
 *
 * <p>A JSON endpoint is described by a valid body; each bad request changes one thing in it. The valid body itself
 * is never sent, so a fuzz starts no work. Every number in it must be one whose extremes the service refuses.
 */
public final class RequestFuzz {
    /** A 4xx answer longer than this echoes the input it refused. */
    public static final int MAX_ANSWER = 4_000;
    private static final String PROBLEM = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Object> EXTREME_NUMBERS = List.of(-1, 2_147_483_647, Long.MAX_VALUE, 1.0e300);

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<String> failures = new ArrayList<>();
    private int requests;

    /** @param token the bearer token mutating requests carry, or null when the service needs none */
    public RequestFuzz(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** Every kind of bad body, posted to a resource that reads {@code validBody} as JSON. */
    public RequestFuzz jsonEndpoint(String path, Map<String, ?> validBody) {
        for (String malformed : List.of("{", "{\"a\": ", "not json", "{'single': 'quotes'}", json(validBody) + "}")) {
            expect(400, "POST", path, "application/json", malformed);
        }
        for (String notAnObject : List.of("[]", "[1, 2]", "\"text\"", "42", "true")) {
            expect(400, "POST", path, "application/json", notAnObject);
        }
        Map<String, Object> unknown = new LinkedHashMap<>(validBody);
        unknown.put("noSuchField", 1);
        expectNaming(400, path, unknown, "noSuchField");
        Map<String, Object> hugeUnknown = new LinkedHashMap<>(validBody);
        hugeUnknown.put("x".repeat(500_000), "y".repeat(100));
        expect(400, "POST", path, "application/json", json(hugeUnknown));
        for (Map<String, Object> wrong : variants(validBody, RequestFuzz::wrongTypes)) {
            expect(400, "POST", path, "application/json", json(wrong));
        }
        for (Map<String, Object> extreme : variants(validBody, RequestFuzz::extremes)) {
            expect(400, "POST", path, "application/json", json(extreme));
        }
        expect(413, "POST", path, "application/json", "{\"pad\": \"" + "z".repeat(11 << 20) + "\"}");
        expect(415, "POST", path, "text/plain", json(validBody));
        expect(415, "POST", path, "application/xml", "<body/>");
        expect(405, "PUT", path, "application/json", json(validBody));
        expect(405, "PATCH", path, "application/json", json(validBody));
        return this;
    }

    /** Paths that name nothing: 404, asked for as JSON or as anything. */
    public RequestFuzz unknown(String... paths) {
        return unknownAs("application/json", paths);
    }

    /** Pages (HTML) that name nothing: 404, asked for as HTML or as anything. */
    public RequestFuzz unknownPages(String... paths) {
        return unknownAs("text/html", paths);
    }

    private RequestFuzz unknownAs(String type, String... paths) {
        for (String path : paths) {
            for (String accept : List.of(type, "*/*")) {
                check(404, send(request(path, accept).GET()), "GET " + path + " (Accept " + accept + ")");
            }
        }
        return this;
    }

    /** A method the path does not support. */
    public RequestFuzz wrongMethod(String method, String path) {
        expect(405, method, path, null, null);
        return this;
    }

    /** A representation the path does not have: 406. */
    public RequestFuzz wrongAccept(String path, String accept) {
        check(406, send(request(path, accept).GET()), "GET " + path + " (Accept " + accept + ")");
        return this;
    }

    /** Fails listing every answer that was not as it should be, then checks {@code alive} still answers 200. */
    public void verify(String alive) {
        HttpResponse<String> answer = send(request(alive, "*/*").GET());
        assertTrue(failures.isEmpty(), failures.size() + " of " + requests + " bad requests were not answered as "
                + "4xx problems:\n" + String.join("\n", failures));
        assertEquals(200, answer.statusCode(), "after " + requests + " bad requests, GET " + alive + " answered "
                + answer.statusCode() + ": " + answer.body());
    }

    private void expect(int status, String method, String path, String contentType, String body) {
        HttpRequest.Builder request = request(path, "application/json");
        if (contentType != null) request.header("Content-Type", contentType);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        check(status, send(request), method + " " + path + " " + abbreviate(body));
    }

    private void expectNaming(int status, String path, Map<String, ?> body, String field) {
        HttpResponse<String> answer = send(request(path, "application/json").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(body))));
        String what = "POST " + path + " " + abbreviate(json(body));
        if (check(status, answer, what) && !answer.body().contains(field)) {
            failures.add(what + " → the problem does not name " + field + ": " + answer.body());
        }
    }

    /** Records a failure unless the answer is {@code status} as a problem; true when it is. */
    private boolean check(int status, HttpResponse<String> answer, String what) {
        requests++;
        if (answer == null) {
            failures.add(what + " → no answer");
            return false;
        }
        String type = answer.headers().firstValue("Content-Type").orElse("");
        String body = answer.body();
        String problem = null;
        if (answer.statusCode() != status) {
            problem = "status " + answer.statusCode() + ", expected " + status;
        } else if (!type.startsWith(PROBLEM)) {
            problem = "Content-Type '" + type + "', expected " + PROBLEM;
        } else if (body.length() > MAX_ANSWER) {
            problem = body.length() + " characters: the input is echoed";
        } else {
            try {
                JsonNode parsed = JSON.readTree(body);
                if (parsed.path("detail").asText("").isBlank()) problem = "no detail";
                else if (parsed.path("status").asInt() != status) problem = "status member " + parsed.path("status");
            } catch (IOException e) {
                problem = "not JSON";
            }
        }
        if (problem == null) return true;
        failures.add(what + " → " + problem + ": " + abbreviate(body));
        return false;
    }

    private HttpRequest.Builder request(String path, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Accept", accept);
        if (token != null) request.header("Authorization", "Bearer " + token);
        return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
            return null;
        }
    }

    private interface Mutation {
        List<Object> of(Object value);
    }

    /** One copy of {@code body} per leaf and replacement, nested maps included; other leaves as they were. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> variants(Map<String, ?> body, Mutation mutation) {
        List<Map<String, Object>> variants = new ArrayList<>();
        for (Map.Entry<String, ?> field : body.entrySet()) {
            List<Object> replacements = new ArrayList<>(mutation.of(field.getValue()));
            if (field.getValue() instanceof Map<?, ?> nested) {
                variants((Map<String, ?>) nested, mutation).forEach(replacements::add);
            }
            for (Object replacement : replacements) {
                Map<String, Object> variant = new LinkedHashMap<>(body);
                variant.put(field.getKey(), replacement);
                variants.add(variant);
            }
        }
        return variants;
    }

    /** Values of JSON types the field does not have. */
    private static List<Object> wrongTypes(Object value) {
        if (value instanceof Number) return List.of("a string", List.of(1), Map.of("k", 1), true);
        if (value instanceof String) return List.of(12345, List.of(Map.of()), Map.of("k", "v"), false);
        if (value instanceof List<?>) return List.of("a string", Map.of("k", 1));
        if (value instanceof Map<?, ?>) return List.of("a string", 7, List.of(1));
        return List.of();
    }

    private static List<Object> extremes(Object value) {
        return value instanceof Number ? EXTREME_NUMBERS : List.of();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON-writable: " + value, e);
        }
    }

    private static String abbreviate(String text) {
        if (text == null) return "";
        return text.length() <= 120 ? text : text.substring(0, 120) + "… (" + text.length() + " characters)";
    }
}
