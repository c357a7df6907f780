package dev.robust.cli.report;

import dev.robust.common.stats.Interval;
import dev.robust.common.stats.Wilson;

/**
 * Top-1 of one model on one slice of the test data: the clean images (severity 0) or a corruption at a severity,
 * with its 95 % Wilson interval over the slice's images.
 */
public record Slice(int severity, long correct, long total, double top1, Interval interval) {

    public static Slice of(int severity, long correct, long total, double top1) {
        return new Slice(severity, correct, total, top1, Wilson.interval(correct, total));
    }
}
