package dev.robust.common.dataset;

import com.sun.net.httpserver.HttpServer;
import dev.robust.common.BadInputException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Cifar10DownloadTest {
    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @AfterEach
    void stopServer() {
        if (server != null) server.stop(0);
    }

    private URI serve(byte[] body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/cifar-10-binary.tar.gz", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/cifar-10-binary.tar.gz");
    }

    private byte[] smallArchive() throws IOException {
        Path batches = Fixtures.cifarBatches(dir.resolve("src"), 2);
        return Files.readAllBytes(Fixtures.tarGz(batches, dir.resolve("small.tar.gz")));
    }

    @Test
    void downloadsVerifiesAndProducesAReadableArchive() throws IOException {
        byte[] archive = smallArchive();
        Path source = dir.resolve("small.tar.gz");
        URI url = serve(archive);
        Path target = new Cifar10Download(url, Cifar10Download.md5Of(source), Duration.ofSeconds(2))
                .fetch(dir.resolve("data"));
        assertArrayEquals(archive, Files.readAllBytes(target));
        assertEquals(10, new Cifar10BinarySource(target).readAll(Split.TRAIN).size());
        try (var files = Files.list(dir.resolve("data"))) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void skipsTheDownloadWhenAVerifiedCopyExists() throws IOException {
        URI url = serve(smallArchive());
        Cifar10Download download = new Cifar10Download(url, Cifar10Download.md5Of(dir.resolve("small.tar.gz")),
                Duration.ofSeconds(2));
        download.fetch(dir.resolve("data"));
        download.fetch(dir.resolve("data"));
        assertEquals(1, requests.get());
    }

    @Test
    void checksumMismatchKeepsNothing() throws IOException {
        URI url = serve(smallArchive());
        BadInputException e = assertThrows(BadInputException.class,
                () -> new Cifar10Download(url, "0".repeat(32), Duration.ofSeconds(2)).fetch(dir.resolve("data")));
        assertTrue(e.getMessage().contains("MD5"), e.getMessage());
        try (var files = Files.list(dir.resolve("data"))) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void offlineFailsFastWithAHintAboutLocalCopies() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Cifar10Download download = new Cifar10Download(
                URI.create("http://127.0.0.1:" + closedPort + "/cifar-10-binary.tar.gz"), "0".repeat(32),
                Duration.ofSeconds(2));
        long start = System.nanoTime();
        BadInputException e = assertThrows(BadInputException.class, () -> download.fetch(dir.resolve("data")));
        assertTrue(System.nanoTime() - start < 10_000_000_000L);
        assertTrue(e.getMessage().contains("cifar10:<path>"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("data/cifar-10-binary.tar.gz")));
    }
}
