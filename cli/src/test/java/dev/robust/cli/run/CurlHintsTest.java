package dev.robust.cli.run;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pastes the printed lines into a real bash, running a real curl against a local HTTP server that records them. */
class CurlHintsTest {
    /** A token with characters that break naive quoting: a space, a single quote, a dollar sign. */
    private static final String AWKWARD_TOKEN = "s3 cr'et$HOME";

    record Received(String method, String path, String authorization, String contentType, String body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private URI base;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void startLineWorksPastedWithTheTokenSet() throws Exception {
        assertEquals(0, paste(command("start a run", true), Map.of(StackOptions.SECURITY_TOKEN, AWKWARD_TOKEN)));
        Received post = received.get(0);
        assertEquals("POST", post.method());
        assertEquals("/runs", post.path());
        assertEquals("Bearer " + AWKWARD_TOKEN, post.authorization());
        assertEquals("application/json", post.contentType());
        assertEquals("{\"profile\":\"ci\",\"engine\":\"torch\"}", post.body());
    }

    @Test
    void cancelLineSendsTheTokenToo() throws Exception {
        assertEquals(0, paste(command("cancel it", true), Map.of(StackOptions.SECURITY_TOKEN, "t0ken")));
        assertEquals("DELETE", received.get(0).method());
        assertEquals("/runs/run-1", received.get(0).path());
        assertEquals("Bearer t0ken", received.get(0).authorization());
    }

    @Test
    void linesWithoutATokenSendNoAuthorizationHeader() throws Exception {
        assertEquals(0, paste(command("start a run", false), Map.of()));
        assertEquals(1, received.size());
        assertNull(received.get(0).authorization());
        assertEquals("{\"profile\":\"ci\",\"engine\":\"torch\"}", received.get(0).body());
    }

    @Test
    void aShellWithoutTheTokenStopsWithAMessageNamingTheVariableAndSendsNothing() throws Exception {
        ProcessResult result = run(command("start a run", true), Map.of());
        assertTrue(result.exitCode() != 0, "bash should refuse the line");
        assertTrue(result.stderr().contains(StackOptions.SECURITY_TOKEN), result.stderr());
        assertTrue(received.isEmpty(), "no request may reach the service without its token");
    }

    @Test
    void theTokenItselfIsNeverPrinted() {
        for (String line : CurlHints.lines(base, base, base, "ci", null, true)) {
            assertTrue(line.contains("$" + "{" + StackOptions.SECURITY_TOKEN) || !line.contains("Authorization"),
                    line);
        }
    }

    private String command(String label, boolean tokenRequired) {
        String line = CurlHints.lines(base, base, base, "ci", "torch", tokenRequired).stream()
                .filter(l -> l.trim().startsWith(label)).findFirst().orElseThrow();
        return line.trim().substring(label.length()).trim().replace("<id>", "run-1");
    }

    private int paste(String command, Map<String, String> environment) throws Exception {
        ProcessResult result = run(command, environment);
        assertEquals("", result.stderr(), "bash/curl complained about the pasted line: " + command);
        return result.exitCode();
    }

    record ProcessResult(int exitCode, String stderr) {
    }

    private static ProcessResult run(String command, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", command + " --silent --show-error --fail");
        builder.environment().remove(StackOptions.SECURITY_TOKEN);
        builder.environment().putAll(environment);
        Process process = builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "curl did not finish");
        return new ProcessResult(process.exitValue(), stderr);
    }
}
