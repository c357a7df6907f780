package dev.robust.checkpoint;

import dev.robust.checkpoint.s3.S3CheckpointStore;
import dev.robust.checkpoint.s3.S3Location;
import dev.robust.common.checkpoint.CheckpointStore;
import dev.robust.common.checkpoint.FileCheckpointStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointStoresTest {
    @TempDir
    Path dir;

    @Test
    void aPathOrAFileUriOpensADirectoryStore() {
        try (CheckpointStore plain = CheckpointStores.open(dir.resolve("a").toString());
             CheckpointStore uri = CheckpointStores.open(dir.resolve("b").toUri().toString())) {
            assertEquals(dir.resolve("a"), assertInstanceOf(FileCheckpointStore.class, plain).root());
            assertEquals(dir.resolve("b"), assertInstanceOf(FileCheckpointStore.class, uri).root());
        }
    }

    @Test
    void anS3UriOpensAnObjectStoreWithoutARequest() {
        try (CheckpointStore store = CheckpointStores.open("s3://robust-ckpt/runs/cpu?endpoint=http://127.0.0.1:1"
                + "&path-style=true")) {
            assertInstanceOf(S3CheckpointStore.class, store);
            assertEquals("s3://robust-ckpt/runs/cpu", store.location(), "no parameters in messages");
        }
    }

    @Test
    void anotherSchemeIsRefusedNamingWhatIsExpected() {
        var e = assertThrows(IllegalArgumentException.class, () -> CheckpointStores.open("gs://bucket/x"));
        assertTrue(e.getMessage().contains("'gs:'") && e.getMessage().contains("s3://<bucket>"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CheckpointStores.open(" "));
    }

    @Test
    void s3LocationReadsBucketPrefixAndParameters() {
        S3Location minio = S3Location.parse("s3://robust-checkpoints/prod/?endpoint=http%3A%2F%2Fminio%3A9000"
                + "&path-style=true&region=eu-central-1");
        assertEquals(new S3Location("robust-checkpoints", "prod", Optional.of(URI.create("http://minio:9000")), true,
                Optional.of("eu-central-1")), minio);
        S3Location aws = S3Location.parse("s3://robust-checkpoints");
        assertEquals("", aws.prefix());
        assertFalse(aws.pathStyle());
        assertEquals(Optional.empty(), aws.endpoint());
        assertEquals(Optional.empty(), aws.region());
    }

    @Test
    void s3LocationRefusesMistakesWithoutEchoingThem() {
        var userInfo = assertThrows(IllegalArgumentException.class,
                () -> S3Location.parse("s3://bucket-a/x?endpoint=http://admin:hunter2@minio:9000"));
        assertFalse(userInfo.getMessage().contains("hunter2"), userInfo.getMessage());
        assertTrue(userInfo.getMessage().contains("AWS_SECRET_ACCESS_KEY"), userInfo.getMessage());

        var unknown = assertThrows(IllegalArgumentException.class,
                () -> S3Location.parse("s3://bucket-a/x?secret=hunter2"));
        assertFalse(unknown.getMessage().contains("hunter2"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("unknown parameter 'secret'"), unknown.getMessage());

        assertThrows(IllegalArgumentException.class, () -> S3Location.parse("s3://Bad_Bucket/x"));
        assertThrows(IllegalArgumentException.class, () -> S3Location.parse("s3://bucket-a/x?path-style=yes"));
        assertThrows(IllegalArgumentException.class, () -> S3Location.parse("s3://bucket-a/x?endpoint=ftp://h"));
    }
}
