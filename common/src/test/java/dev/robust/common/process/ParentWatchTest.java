package dev.robust.common.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Real JVMs: a parent that starts a watched child, as {@code robust up} starts the services. */
class ParentWatchTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void childExitsWithinSecondsOfItsParentBeingKilled() throws Exception {
        Process parent = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                SpawningParentMain.class.getName()).redirectErrorStream(true).start();
        ProcessHandle child = null;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            boolean watching = false;
            while (child == null || !watching) {
                String line = out.readLine();
                if (line == null) fail("the parent ended before its child was watching");
                if (line.startsWith("child ")) {
                    child = ProcessHandle.of(Long.parseLong(line.substring(6).trim())).orElseThrow();
                }
                if (line.startsWith("watching " + parent.pid())) watching = true;
            }
            parent.destroyForcibly(); // SIGKILL: no shutdown hook of the parent runs
            long killed = System.nanoTime();
            try {
                child.onExit().get(10, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                fail("the child " + child.pid() + " still runs 10 s after its parent was killed");
            }
            double seconds = (System.nanoTime() - killed) / 1e9;
            System.out.printf("the child exited %.2f s after its parent was killed%n", seconds);
            assertTrue(seconds < 10, "child exited after " + seconds + " s");
        } finally {
            parent.destroyForcibly();
            if (child != null) child.destroyForcibly();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void childKeepsRunningWhileItsParentLives() throws Exception {
        Process child = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                "-D" + ParentWatch.PROPERTY + "=" + ProcessHandle.current().pid(), WatchedProcessMain.class.getName())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertTrue(out.readLine().startsWith("watching " + ProcessHandle.current().pid()));
            assertFalse(child.waitFor(2, TimeUnit.SECONDS), "the child exited although its parent runs");
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void childWhoseParentIsAlreadyGoneExitsAtOnce() throws Exception {
        Process gone = new ProcessBuilder(java(), "-version").redirectErrorStream(true).start();
        gone.getInputStream().readAllBytes();
        gone.waitFor();
        Process child = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                "-D" + ParentWatch.PROPERTY + "=" + gone.pid(), WatchedProcessMain.class.getName())
                .redirectErrorStream(true).start();
        child.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertTrue(child.waitFor(20, TimeUnit.SECONDS), "the child did not exit");
        assertEquals(ParentWatch.EXIT_CODE, child.exitValue());
    }

    @Test
    void refusesAPropertyThatIsNotAPid() {
        String before = System.getProperty(ParentWatch.PROPERTY);
        System.setProperty(ParentWatch.PROPERTY, "robust");
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    ParentWatch::startFromSystemProperty);
            assertTrue(e.getMessage().contains(ParentWatch.PROPERTY), e.getMessage());
        } finally {
            if (before == null) System.clearProperty(ParentWatch.PROPERTY);
            else System.setProperty(ParentWatch.PROPERTY, before);
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
