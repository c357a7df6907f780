package dev.robust.common.dataset;

import dev.robust.common.BadInputException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Fetches the CIFAR-10 binary archive for users who are online. The body is streamed to a temporary file next to
 * the target and renamed only after its MD5 matches, so an interrupted or corrupted download never looks complete.
 * Offline, the connection attempt fails within the connect timeout and the message says how to use a local copy.
 */
public final class Cifar10Download {
    public static final URI OFFICIAL_URL = URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");
    public static final String OFFICIAL_MD5 = "c32a1d4ab5d03f1284b67883e8d87530";
    public static final String ARCHIVE_NAME = "cifar-10-binary.tar.gz";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final URI url;
    private final String md5;
    private final Duration connectTimeout;

    public Cifar10Download(URI url, String md5, Duration connectTimeout) {
        this.url = url;
        this.md5 = md5.toLowerCase(java.util.Locale.ROOT);
        this.connectTimeout = connectTimeout;
    }

    public static Cifar10Download official() {
        return new Cifar10Download(OFFICIAL_URL, OFFICIAL_MD5, CONNECT_TIMEOUT);
    }

    /**
     * Makes sure {@code directory/cifar-10-binary.tar.gz} exists and has the expected checksum, downloading it if
     * needed; returns its path (usable as {@code cifar10:<path>}).
     */
    public Path fetch(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path target = directory.resolve(ARCHIVE_NAME);
        if (Files.isRegularFile(target) && md5Of(target).equals(md5)) return target;

        Path partial = Files.createTempFile(directory, ARCHIVE_NAME + ".", ".part");
        try {
            String actual = download(partial);
            if (!actual.equals(md5)) {
                throw new BadInputException(url + ": downloaded archive has MD5 " + actual + ", expected " + md5
                        + " (corrupted transfer or a changed file); nothing was kept");
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private String download(Path partial) throws IOException {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpRequest request = HttpRequest.newBuilder(url).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw offline(e);
        } catch (IOException e) {
            if (e.getCause() instanceof java.nio.channels.UnresolvedAddressException) throw offline(e);
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("download of " + url + " interrupted", e);
        }
        MessageDigest digest = newMd5();
        try (InputStream body = new DigestInputStream(response.body(), digest);
             OutputStream out = Files.newOutputStream(partial)) {
            if (response.statusCode() != 200) {
                throw new BadInputException(url + ": HTTP " + response.statusCode() + "; " + localCopyHint());
            }
            body.transferTo(out);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private BadInputException offline(IOException cause) {
        return new BadInputException("cannot reach " + url + " (" + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + "); " + localCopyHint(), cause);
    }

    private static String localCopyHint() {
        return "if this machine is offline, copy " + ARCHIVE_NAME + " (or its extracted cifar-10-batches-bin/) here "
                + "and use the dataset spec cifar10:<path>";
    }

    static String md5Of(Path file) throws IOException {
        MessageDigest digest = newMd5();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides MD5", e);
        }
    }
}
