package dev.robust.common.stats;

/** A two-sided 95 % confidence interval {@code [low, high]}. */
public record Interval(double low, double high) {
    /** The normal quantile of a two-sided 95 % interval, z<sub>0.975</sub>. */
    public static final double Z_95 = 1.959963984540054;

    public Interval {
        if (!(low <= high)) throw new IllegalArgumentException("interval low " + low + " exceeds high " + high);
    }

    public boolean contains(double value) {
        return low <= value && value <= high;
    }

    /** Half the width: the "±" of the interval when it is symmetric. */
    public double halfWidth() {
        return (high - low) / 2;
    }
}
