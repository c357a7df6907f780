package dev.robust.augment.render;

import dev.robust.augment.config.AugmentSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * The threads that render images (training views, corruptions), one per core by default. Work is handed over in
 * chunks whose results come back in order, so the caller can send them to Kafka in a deterministic sequence while
 * rendering stays parallel. Every item draws from its own seeded random source, so results do not depend on which
 * thread rendered them.
 */
@ApplicationScoped
public class RenderPool {
    private final ForkJoinPool pool;

    RenderPool(AugmentSettings settings) {
        int workers = settings.pairs().workers() > 0 ? settings.pairs().workers()
                : Runtime.getRuntime().availableProcessors();
        this.pool = new ForkJoinPool(workers);
    }

    /** Renders items {@code 0..count-1} in parallel and returns them indexed by item. */
    public byte[][] render(int count, IntFunction<byte[]> item) throws InterruptedException {
        byte[][] results = new byte[count][];
        try {
            pool.submit(() -> IntStream.range(0, count).parallel().forEach(i -> results[i] = item.apply(i))).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) throw runtime;
            throw new IllegalStateException("rendering failed: " + e.getCause(), e.getCause());
        }
        return results;
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
