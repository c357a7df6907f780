package dev.robust.cli.run;

import com.sun.net.httpserver.HttpServer;
import dev.robust.cli.RobustCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code robust submit} sends over HTTP and how it reports the answer, against an HTTP server on a free port
 * that records the request and answers as the eval-service's {@code POST /models} does (its own tests cover the
 * service side: ModelImportTest).
 */
class SubmitCommandTest {
    private static final String CLAIM = "{\"checkpoint_id\":\"imported-cifar-net-0123456789ab\","
            + "\"run_id\":\"imported-cifar-net\",\"input\":{\"layout\":\"nhwc\",\"preprocessing\":\"[0,1]\"}}";
    private static final String PROBLEM = "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
            + "\"detail\":\"output 'logits' is [-1, 7]; expected N×10 logits\",\"field\":\"body\"}";

    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicReference<Map<String, String>> query = new AtomicReference<>();
    private final AtomicReference<byte[]> body = new AtomicReference<>();
    private final AtomicReference<String> contentType = new AtomicReference<>();
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private volatile int status = 202;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/models", exchange -> {
            query.set(parse(exchange.getRequestURI().getRawQuery()));
            body.set(exchange.getRequestBody().readAllBytes());
            contentType.set(exchange.getRequestHeaders().getFirst("Content-Type"));
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] answer = (status == 202 ? CLAIM : PROBLEM).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type",
                    status == 202 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void sendsTheFileWithItsNamePreprocessingAndDatasetAndPrintsWhereTheReportWillBe() throws IOException {
        byte[] model = {8, 7, 18, 4, 'o', 'n', 'n', 'x'};
        Path file = Files.write(dir.resolve("net.onnx"), model);
        StringWriter out = new StringWriter();

        int exit = execute(out, new StringWriter(), file.toString(), "--name", "cifar-net", "--preprocess",
                "mean=0.5, 0.5, 0.5; std=0.25,0.25,0.25", "--dataset", "cifar10", "--eval", url());

        assertEquals(0, exit);
        assertArrayEquals(model, body.get());
        assertEquals("application/octet-stream", contentType.get());
        assertEquals(Map.of("name", "cifar-net", "preprocess", "mean=0.5,0.5,0.5;std=0.25,0.25,0.25",
                "dataset", "cifar10", "publisher", "robust submit"), query.get());
        assertNull(authorization.get(), "no token configured here, none sent");
        assertTrue(out.toString().contains("checkpoint imported-cifar-net-0123456789ab"), out.toString());
        assertTrue(out.toString().contains(url() + "/checkpoints/imported-cifar-net-0123456789ab/report"),
                out.toString());
    }

    @Test
    void aRefusalIsPrintedAsTheServicesDetailAndExitsWithBadInput() throws IOException {
        status = 400;
        Path file = Files.write(dir.resolve("seven.onnx"), new byte[]{1, 2, 3});
        StringWriter err = new StringWriter();

        int exit = execute(new StringWriter(), err, file.toString(), "--name", "seven", "--preprocess", "[-1,1]",
                "--eval", url());

        assertEquals(RobustCommand.EXIT_BAD_INPUT, exit);
        assertTrue(err.toString().contains("expected N×10 logits (field body)"), err.toString());
    }

    @Test
    void anUnknownPreprocessingIsRefusedBeforeAnythingIsSent() throws IOException {
        Path file = Files.write(dir.resolve("net.onnx"), new byte[]{1});
        StringWriter err = new StringWriter();

        int exit = execute(new StringWriter(), err, file.toString(), "--name", "net", "--preprocess", "imagenet",
                "--eval", url());

        assertEquals(RobustCommand.EXIT_BAD_INPUT, exit);
        assertTrue(err.toString().contains("--preprocess 'imagenet'"), err.toString());
        assertNull(body.get(), "nothing was uploaded");
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static int execute(StringWriter out, StringWriter err, String... args) {
        CommandLine cli = RobustCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] full = new String[args.length + 1];
        full[0] = "submit";
        System.arraycopy(args, 0, full, 1, args.length);
        return cli.execute(full);
    }

    private static Map<String, String> parse(String rawQuery) {
        Map<String, String> values = new TreeMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }
}
