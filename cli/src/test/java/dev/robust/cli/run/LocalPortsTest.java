package dev.robust.cli.run;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalPortsTest {
    @Test
    void keepsTheWellKnownPortWhenItIsFreeAndFallsBackWhenTaken() throws IOException {
        int port;
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = taken.getLocalPort();
            assertFalse(LocalPorts.isFree(port));
            int fallback = LocalPorts.preferred(port);
            assertNotEquals(port, fallback);
            assertTrue(LocalPorts.isFree(fallback));
        }
        assertEquals(port, LocalPorts.preferred(port));
    }
}
