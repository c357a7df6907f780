package dev.robust.common.process;

import java.nio.file.Path;

/** A stand-in for {@code robust up}: starts a watched child with its own pid, shares its output, and waits. */
public final class SpawningParentMain {
    private SpawningParentMain() {
    }

    public static void main(String[] args) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                "-D" + ParentWatch.PROPERTY + "=" + ProcessHandle.current().pid(), WatchedProcessMain.class.getName())
                .inheritIO()
                .start();
        System.out.println("child " + child.pid());
        System.out.flush();
        child.waitFor();
    }
}
