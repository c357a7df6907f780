package dev.robust.cli.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Ports on the loopback interface. The stack prefers the well-known ports (9092, 8081–8083) so that URLs match the
 * docs, and falls back to a free one when another process (a second run, a colleague's service) holds them.
 */
final class LocalPorts {
    private LocalPorts() {
    }

    /** {@code port} when nothing listens on it, otherwise a port the system reports free. */
    static int preferred(int port) {
        return isFree(port) ? port : any();
    }

    static boolean isFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int any() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on the loopback interface", e);
        }
    }
}
