package dev.robust.eval.scoring;

/** The outcome of scoring one slice: {@code correct} of {@code total} images classified right. */
public record SliceCounts(long correct, long total) {

    public double top1() {
        return total == 0 ? Double.NaN : (double) correct / total;
    }
}
