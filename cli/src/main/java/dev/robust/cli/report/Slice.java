package dev.robust.cli.report;

/** Top-1 of one model on one slice of the test data: the clean images (severity 0) or a corruption at a severity. */
public record Slice(int severity, long correct, long total, double top1) {
}
