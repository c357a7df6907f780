package dev.robust.common.process;

/** A stand-in for a service: watches the parent named by the system property, says so, and waits forever. */
public final class WatchedProcessMain {
    private WatchedProcessMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        long parent = ParentWatch.startFromSystemProperty().orElseThrow();
        System.out.println("watching " + parent + " from " + ProcessHandle.current().pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
