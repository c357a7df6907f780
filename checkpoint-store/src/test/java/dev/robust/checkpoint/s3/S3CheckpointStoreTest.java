package dev.robust.checkpoint.s3;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.robust.common.checkpoint.CheckpointStore;
import dev.robust.common.checkpoint.CheckpointStoreException;
import dev.robust.common.checkpoint.CheckpointVerificationException;
import dev.robust.common.checkpoint.StoredCheckpoint;
import dev.robust.s3testkit.S3Server;
import org.junit.jupiter.api.AfterAll;
import dev.robust.s3testkit.S3Server;
import org.junit.jupiter.api.AfterEach;
import dev.robust.s3testkit.S3Server;
import org.junit.jupiter.api.BeforeAll;
import dev.robust.s3testkit.S3Server;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The s3 checkpoint store against a real S3 server (s3proxy) in this JVM. */
class S3CheckpointStoreTest {
    private static final String BUCKET = "robust-test";
    private static final byte[] WEIGHTS = randomBytes(300_000);

    private static S3Server server;
    /** Each test writes under its own prefix, so the tests share the server and not their objects. */
    private final String prefix = "checkpoints-" + UUID.randomUUID().toString().substring(0, 8);
    private CheckpointStore store;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3Server.start(BUCKET);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @AfterEach
    void closeStore() {
        if (store != null) store.close();
    }

    @Test
    void writesFindsAndReadsBackACheckpointUnderThePrefix() {
        store = open(server.port());
        StoredCheckpoint stored = store.write("r1", "r1-teacher-3", "zip", file -> Files.write(file, WEIGHTS));

        assertEquals(StoredCheckpoint.class, stored.getClass());
        assertEquals("r1/r1-teacher-3.zip", stored.uri());
        assertEquals(WEIGHTS.length, stored.bytes());
        assertTrue(server.blobs().blobExists(BUCKET, prefix + "/r1/r1-teacher-3.zip"), "the object is at its key");
        assertEquals(Optional.of(stored), store.find("r1", "r1-teacher-3", "zip"), "find reads the hash from HEAD");
        assertEquals(Optional.empty(), store.find("r1", "r1-teacher-4", "zip"));

        byte[] read = store.readVerified(stored.uri(), stored.sha256(), stored.bytes(), Files::readAllBytes);
        assertArrayEquals(WEIGHTS, read);
        assertEquals(Optional.of(WEIGHTS.length), store.read("r1", "r1-teacher-3", "zip",
                file -> (int) Files.size(file)));
        assertEquals(Optional.empty(), store.read("r1", "r1", "outcome.json", Files::readAllBytes));

        store.write("r2", "r2", "outcome.json", file -> Files.writeString(file, "{}"));
        assertEquals(List.of("r1", "r2"), store.runIds().stream().sorted().toList());
    }

    @Test
    void neverReplacesAnObjectButDiscardsAnUnpublishedOne() {
        store = open(server.port());
        StoredCheckpoint first = store.write("r1", "r1-student-0", "zip", file -> Files.write(file, WEIGHTS));

        var refused = assertThrows(CheckpointStoreException.class,
                () -> store.write("r1", "r1-student-0", "zip", file -> Files.write(file, new byte[] {1})));
        assertTrue(refused.getMessage().contains("already exists"), refused.getMessage());
        assertEquals(Optional.of(first), store.find("r1", "r1-student-0", "zip"));

        store.discardUnpublished("r1", "r1-student-0", "zip");
        assertEquals(Optional.empty(), store.find("r1", "r1-student-0", "zip"));
        store.write("r1", "r1-student-0", "zip", file -> Files.write(file, new byte[] {1}));
    }

    @Test
    void refusesBytesThatDoNotMatchTheClaimCheck() {
        store = open(server.port());
        StoredCheckpoint stored = store.write("r1", "r1-teacher-0", "zip", file -> Files.write(file, WEIGHTS));
        byte[] tampered = WEIGHTS.clone();
        tampered[1234] ^= 1;
        server.blobs().putBlob(BUCKET, server.blobs().blobBuilder(prefix + "/r1/r1-teacher-0.zip")
                .payload(tampered).build());

        var mismatch = assertThrows(CheckpointVerificationException.class,
                () -> store.readVerified(stored.uri(), stored.sha256(), stored.bytes(), Files::readAllBytes));
        assertTrue(mismatch.getMessage().contains(stored.sha256()), mismatch.getMessage());
        assertTrue(mismatch.getMessage().contains("s3://" + BUCKET + "/" + prefix + "/r1/r1-teacher-0.zip"),
                mismatch.getMessage());
        var missing = assertThrows(CheckpointVerificationException.class,
                () -> store.readVerified("r1/r1-teacher-9.zip", stored.sha256(), stored.bytes(), Files::size));
        assertTrue(missing.getMessage().contains("not in the store"), missing.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> store.readVerified("r1/../../elsewhere.zip", stored.sha256(), stored.bytes(), Files::size));
    }

    @Test
    void contentThatFailsToWriteUploadsNothing() {
        store = open(server.port());
        assertThrows(CheckpointStoreException.class, () -> store.write("r1", "r1-teacher-1", "zip", file -> {
            Files.write(file, WEIGHTS);
            throw new IOException("disk full");
        }));
        assertFalse(server.blobs().blobExists(BUCKET, prefix + "/r1/r1-teacher-1.zip"));
    }

    @Test
    void uploadCutOffMidwayLeavesNoObjectUnderTheKey() throws Exception {
        // Every connection through the relay dies 100 kB into what the client sends: HEADs pass, each PUT (and
        // each of the SDK's retries) breaks off a third of the way into the body.
        try (TcpRelay relay = new TcpRelay(server.port(), 100_000)) {
            store = open(relay.port());
            var failed = assertThrows(CheckpointStoreException.class,
                    () -> store.write("r1", "r1-teacher-2", "zip", file -> Files.write(file, WEIGHTS)));
            assertTrue(failed.getMessage().contains("cannot write checkpoint"), failed.getMessage());
            assertTrue(relay.sent().contains("PUT /" + BUCKET + "/" + prefix + "/r1/r1-teacher-2.zip"),
                    "the upload did start");
        }
        assertFalse(server.blobs().blobExists(BUCKET, prefix + "/r1/r1-teacher-2.zip"),
                "no partial object under the final key");
        assertEquals(List.of(), server.blobs().list(BUCKET).stream()
                .filter(blob -> blob.getName().startsWith(prefix)).toList());
    }

    @Test
    void pathStyleNamesTheBucketInTheRequestPath() throws Exception {
        try (TcpRelay relay = new TcpRelay(server.port(), Long.MAX_VALUE)) {
            store = open(relay.port());
            store.write("r1", "r1-teacher-0", "zip", file -> Files.write(file, WEIGHTS));
            String sent = relay.sent();
            assertTrue(sent.contains("PUT /" + BUCKET + "/" + prefix + "/r1/r1-teacher-0.zip HTTP/1.1"), sent
                    .lines().filter(line -> line.startsWith("PUT ")).collect(Collectors.joining("\n")));
            assertTrue(sent.lines().noneMatch(line -> line.regionMatches(true, 0, "Host: " + BUCKET + ".", 0,
                    7 + BUCKET.length())), "the bucket is not in the host name");
        }
    }

    @Test
    void credentialsNeverReachTheLogNorTheErrors() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        captured.start();
        // Captured only: the console would print every debug line of client and server.
        var console = root.getAppender("console");
        root.detachAppender(console);
        root.addAppender(captured);
        root.setLevel(Level.DEBUG);
        List<String> errors;
        try {
            store = open(server.port());
            StoredCheckpoint stored = store.write("r1", "r1-teacher-0", "zip", file -> Files.write(file, WEIGHTS));
            store.readVerified(stored.uri(), stored.sha256(), stored.bytes(), Files::size);
            // A wrong secret: the server refuses the signature, and the error says so without either key.
            System.setProperty("aws.secretAccessKey", "not-" + S3Server.SECRET_KEY);
            try (CheckpointStore wrongSecret = open(server.port())) {
                errors = List.of(assertThrows(CheckpointStoreException.class,
                        () -> wrongSecret.write("r1", "r1-teacher-1", "zip", file -> Files.write(file, WEIGHTS)))
                        .getMessage());
            } finally {
                System.setProperty("aws.secretAccessKey", S3Server.SECRET_KEY);
            }
        } finally {
            root.detachAppender(captured);
            root.addAppender(console);
            root.setLevel(before);
        }
        // Everything this process would log in a service; the test server's own lines (its request dumps carry the
        // access key id of the Authorization header) belong to another process in production.
        String log = captured.list.stream()
                .filter(event -> !event.getLoggerName().startsWith("org.gaul.")
                        && !event.getLoggerName().startsWith("org.jclouds.")
                        && !event.getLoggerName().startsWith("jclouds."))
                .map(event -> event.getLoggerName() + " " + event.getFormattedMessage()
                        + (event.getThrowableProxy() == null ? ""
                                : ThrowableProxyUtil.asString(event.getThrowableProxy())))
                .collect(Collectors.joining("\n"));

        assertTrue(log.contains("checkpoint store s3://" + BUCKET + "/" + prefix), "the store's own lines are "
                + "captured (jboss-logging reaches logback):\n" + log.lines().limit(20).toList());
        assertTrue(log.contains("software.amazon.awssdk.request"), "the SDK's request lines are captured too");
        for (String text : List.of(log, String.join("\n", errors))) {
            assertFalse(text.contains(S3Server.SECRET_KEY), "the secret key is not logged");
            assertFalse(text.contains(S3Server.ACCESS_KEY), "the access key id is not logged");
        }
        assertTrue(errors.get(0).contains("403") || errors.get(0).contains("Signature"), errors.get(0));
    }

    private CheckpointStore open(int port) {
        return S3CheckpointStore.open(S3Location.parse("s3://" + BUCKET + "/" + prefix
                + "?endpoint=http://127.0.0.1:" + port + "&path-style=true"));
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(7).nextBytes(bytes);
        return bytes;
    }
}
