package dev.robust.eval.scoring;

import java.time.Duration;

/** Told of every pass over one image topic of a sweep (all its severities at once): for the service's metrics. */
@FunctionalInterface
public interface SliceObserver {
    /** For callers that measure nothing (the benchmark times whole sweeps itself). */
    SliceObserver NONE = (images, elapsed) -> { };

    void scored(long images, Duration elapsed);
}
