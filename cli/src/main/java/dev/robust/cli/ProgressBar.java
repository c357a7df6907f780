package dev.robust.cli;

import java.io.PrintWriter;

/** A one-line progress bar redrawn in place ({@code \r}) on the error stream, with rate and time left. */
final class ProgressBar {
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final long total;
    private final long startNanos = System.nanoTime();

    ProgressBar(PrintWriter err, long total) {
        this.err = err;
        this.total = total;
    }

    void update(long done, String what) {
        double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
        double rate = done / seconds;
        int filled = (int) (WIDTH * done / Math.max(1, total));
        long left = rate > 0 ? Math.round((total - done) / rate) : 0;
        err.printf("\r[%s%s] %3d%% %,d/%,d images  %,.0f img/s  %d:%02d left  %-20s",
                "#".repeat(filled), ".".repeat(WIDTH - filled), 100 * done / Math.max(1, total), done, total,
                rate, left / 60, left % 60, what);
        err.flush();
    }

    /** Ends the line and returns the elapsed seconds. */
    double finish() {
        err.println();
        err.flush();
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
