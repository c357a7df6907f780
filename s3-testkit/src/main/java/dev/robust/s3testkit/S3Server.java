package dev.robust.s3testkit;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

import java.net.URI;
import java.util.Properties;

/**
 * A real S3 server in the test JVM: s3proxy over jclouds' in-memory blob store, with AWS signature checking, on a
 * free port of the loopback interface. Every module that talks to object storage tests against it.
 */
public final class S3Server implements AutoCloseable {
    public static final String ACCESS_KEY = "robust-test-access-key";
    public static final String SECRET_KEY = "robust-test-secret-2c9f4e1a7b";

    private final BlobStoreContext context;
    private final S3Proxy proxy;

    private S3Server(BlobStoreContext context, S3Proxy proxy) {
        this.context = context;
        this.proxy = proxy;
    }

    /**
     * Starts a server that holds one empty bucket and accepts only {@link #ACCESS_KEY} / {@link #SECRET_KEY}, and
     * hands those to the SDK's default credentials chain through its {@code aws.*} system properties (read before
     * the environment's {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY}) until {@link #close()}.
     */
    public static S3Server start(String bucket) throws Exception {
        BlobStoreContext context = ContextBuilder.newBuilder("transient")
                .credentials("identity", "credential")
                .overrides(new Properties())
                .build(BlobStoreContext.class);
        context.getBlobStore().createContainerInLocation(null, bucket);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("s3proxy did not start");
            Thread.sleep(10);
        }
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        return new S3Server(context, proxy);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    public int port() {
        return proxy.getPort();
    }

    /** The server's own view of the objects, bypassing S3. */
    public BlobStore blobs() {
        return context.getBlobStore();
    }

    @Override
    public void close() throws Exception {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        proxy.stop();
        context.close();
    }
}
