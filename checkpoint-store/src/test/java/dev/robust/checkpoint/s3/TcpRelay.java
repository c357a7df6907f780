package dev.robust.checkpoint.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A TCP relay in front of a server: it records what clients send (the HTTP requests, as text) and can cut each
 * connection once the client has sent a given number of bytes, as a network failure does mid-upload.
 */
final class TcpRelay implements AutoCloseable {
    private final ServerSocket listener;
    private final int upstreamPort;
    private final long cutAfterBytes;
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();

    /** @param cutAfterBytes per connection, the client bytes after which it is closed; Long.MAX_VALUE never */
    TcpRelay(int upstreamPort, long cutAfterBytes) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.upstreamPort = upstreamPort;
        this.cutAfterBytes = cutAfterBytes;
        Thread accept = new Thread(this::accept, "tcp-relay");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Everything clients sent so far, bodies included, as ISO-8859-1 text. */
    String sent() {
        synchronized (sent) {
            return sent.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                daemon(() -> pump(client, server, true));
                daemon(() -> pump(server, client, false));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        byte[] buffer = new byte[8192];
        long total = 0;
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                int forward = fromClient ? (int) Math.min(read, cutAfterBytes - total) : read;
                out.write(buffer, 0, forward);
                if (fromClient) {
                    synchronized (sent) {
                        sent.write(buffer, 0, forward);
                    }
                    total += forward;
                    if (total >= cutAfterBytes) break;
                }
            }
        } catch (IOException e) {
            // The other side closed.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "tcp-relay-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
