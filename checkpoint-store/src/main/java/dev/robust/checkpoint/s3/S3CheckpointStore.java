package dev.robust.checkpoint.s3;

import dev.robust.common.checkpoint.CheckpointStore;
import dev.robust.common.checkpoint.CheckpointStoreException;
import dev.robust.common.checkpoint.CheckpointVerificationException;
import dev.robust.common.checkpoint.StoredCheckpoint;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checkpoint store on S3 or any S3-compatible object store, one object per file under
 * {@code <prefix>/<runId>/<checkpointId>.<ext>} (see {@link S3Location}).
 *
 * <p>A file goes up in one PUT with its Content-MD5: the server stores the object only once it has every byte and
 * the digest matches, so a cut connection or a corrupted body leaves nothing under the key. The object carries its
 * SHA-256 as metadata, so {@link #find} needs no download; readers still hash what they download.
 *
 * <p>Credentials come from the AWS SDK's default chain: {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY}
 * (a Kubernetes Secret), the {@code aws.*} system properties, a profile file, or the container or instance role.
 * Nothing here logs or echoes them.
 */
public final class S3CheckpointStore implements CheckpointStore {
    private static final Logger LOG = Logger.getLogger(S3CheckpointStore.class);
    /** Object metadata ({@code x-amz-meta-sha256}): the hex SHA-256 of the object's bytes. */
    static final String SHA256_METADATA = "sha256";
    /** Used when neither the location nor the environment names a region: S3-compatible servers ignore it. */
    private static final Region FALLBACK_REGION = Region.US_EAST_1;

    private final S3Client s3;
    private final S3Location location;

    S3CheckpointStore(S3Client s3, S3Location location) {
        this.s3 = s3;
        this.location = location;
    }

    /** Opens the store at {@code location} with credentials from the environment. Makes no request yet. */
    public static S3CheckpointStore open(S3Location location) {
        Region region = location.region().map(Region::of)
                .or(() -> SdkSystemSetting.AWS_REGION.getStringValue().map(Region::of))
                .orElse(FALLBACK_REGION);
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .region(region)
                .forcePathStyle(location.pathStyle())
                // The SDK's default trailing CRC checksums (aws-chunked bodies) are not understood by every
                // S3-compatible server; uploads carry Content-MD5 and downloads are hashed against the claim check.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        location.endpoint().ifPresent(builder::endpointOverride);
        LOG.infof("checkpoint store %s (endpoint %s, %s-style addressing, region %s)", location,
                location.endpoint().map(Object::toString).orElse("AWS"),
                location.pathStyle() ? "path" : "virtual-host", region);
        return new S3CheckpointStore(builder.build(), location);
    }

    @Override
    public String location() {
        return location.toString();
    }

    @Override
    public StoredCheckpoint write(String runId, String checkpointId, String extension, Content content) {
        String uri = CheckpointStore.uri(runId, checkpointId, extension);
        String key = location.key(uri);
        if (head(key).isPresent()) {
            throw new CheckpointStoreException("checkpoint " + where(key) + " already exists; a checkpoint id is "
                    + "written once (use find() to reuse it)");
        }
        Path temp = null;
        try {
            temp = Files.createTempFile("." + checkpointId + "-", ".upload");
            content.writeTo(temp);
            StoredCheckpoint stored = StoredCheckpoint.of(uri, temp);
            String md5 = md5Base64(temp);
            s3.putObject(put -> put.bucket(location.bucket()).key(key)
                            .contentLength(stored.bytes())
                            .contentMD5(md5)
                            .metadata(Map.of(SHA256_METADATA, stored.sha256())),
                    RequestBody.fromFile(temp));
            return stored;
        } catch (IOException | SdkException e) {
            throw new CheckpointStoreException("cannot write checkpoint " + where(key) + ": " + describe(e), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    @Override
    public Optional<StoredCheckpoint> find(String runId, String checkpointId, String extension) {
        String uri = CheckpointStore.uri(runId, checkpointId, extension);
        return head(location.key(uri)).map(head -> {
            String sha256 = head.metadata().get(SHA256_METADATA);
            // An object some other tool put there has no hash of ours: hash its bytes.
            return sha256 != null ? new StoredCheckpoint(uri, sha256, head.contentLength())
                    : read(runId, checkpointId, extension, file -> StoredCheckpoint.of(uri, file)).orElseThrow();
        });
    }

    @Override
    public void discardUnpublished(String runId, String checkpointId, String extension) {
        String key = location.key(CheckpointStore.uri(runId, checkpointId, extension));
        try {
            s3.deleteObject(delete -> delete.bucket(location.bucket()).key(key));
        } catch (SdkException e) {
            throw new CheckpointStoreException("cannot delete unpublished checkpoint " + where(key) + ": "
                    + describe(e), e);
        }
    }

    @Override
    public <T> Optional<T> read(String runId, String checkpointId, String extension, Reader<T> reader) {
        String key = location.key(CheckpointStore.uri(runId, checkpointId, extension));
        Path temp = null;
        try {
            temp = download(key);
            return temp == null ? Optional.empty() : Optional.of(reader.readFrom(temp));
        } catch (IOException | SdkException e) {
            throw new CheckpointStoreException("cannot read " + where(key) + ": " + describe(e), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    @Override
    public <T> T readVerified(String uri, String expectedSha256, long expectedBytes, Reader<T> reader) {
        CheckpointStore.requireStoreUri(uri);
        String key = location.key(uri);
        Path temp = null;
        try {
            temp = download(key);
            if (temp == null) {
                throw new CheckpointVerificationException("checkpoint " + uri + " is not in the store (looked for "
                        + where(key) + "); is the eval-service's store the trainer's?");
            }
            StoredCheckpoint.requireMatch(StoredCheckpoint.of(uri, temp), expectedSha256, expectedBytes, where(key));
            return reader.readFrom(temp);
        } catch (IOException | SdkException e) {
            throw new CheckpointStoreException("cannot read checkpoint " + where(key) + ": " + describe(e), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    @Override
    public List<String> runIds() {
        String prefix = location.runsPrefix();
        try {
            return s3.listObjectsV2Paginator(list -> list.bucket(location.bucket()).prefix(prefix).delimiter("/"))
                    .commonPrefixes().stream()
                    .map(CommonPrefix::prefix)
                    .map(run -> run.substring(prefix.length(), run.length() - 1))
                    .toList();
        } catch (SdkException e) {
            throw new CheckpointStoreException("cannot list the checkpoint store " + location + ": " + describe(e),
                    e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    private Optional<HeadObjectResponse> head(String key) {
        try {
            return Optional.of(s3.headObject(head -> head.bucket(location.bucket()).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            // HEAD responses have no body, so a missing key may come back as a bare 404.
            if (e.statusCode() == 404) return Optional.empty();
            throw new CheckpointStoreException("cannot look up " + where(key) + ": " + describe(e), e);
        } catch (SdkException e) {
            throw new CheckpointStoreException("cannot look up " + where(key) + ": " + describe(e), e);
        }
    }

    /** The object copied to a new temporary file, or null when there is no such object. */
    private Path download(String key) throws IOException {
        Path temp = Files.createTempFile(".checkpoint-", ".download");
        try (ResponseInputStream<GetObjectResponse> in =
                     s3.getObject(get -> get.bucket(location.bucket()).key(key))) {
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            return temp;
        } catch (NoSuchKeyException e) {
            deleteQuietly(temp);
            return null;
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    private String where(String key) {
        return "s3://" + location.bucket() + "/" + key;
    }

    private static String md5Base64(Path file) throws IOException {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides MD5", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md5)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return Base64.getEncoder().encodeToString(md5.digest());
    }

    private static void deleteQuietly(Path path) {
        if (path == null) return;
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // A leftover temporary file in the temp directory; nothing reads it.
        }
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
