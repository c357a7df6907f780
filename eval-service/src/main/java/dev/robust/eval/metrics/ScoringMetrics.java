package dev.robust.eval.metrics;

import dev.robust.common.event.EvaluationSummary;
import dev.robust.eval.scoring.SliceObserver;
import dev.robust.common.topic.ConsumerLag;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How this replica's scoring goes: sweeps finished by status and their duration, each topic pass's duration, images
 * scored (its rate is images/s) and the checkpoints waiting on its partitions of {@code model.checkpoints}.
 */
@ApplicationScoped
public class ScoringMetrics implements SliceObserver {
    private final MeterRegistry registry;
    private final Timer sweeps;
    private final Timer slices;
    private final Counter images;
    private final AtomicLong waiting = new AtomicLong();

    ScoringMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.sweeps = Timer.builder("robust.eval.sweep.duration")
                .description("Time to score one checkpoint (every slice of the scoring plan)").register(registry);
        this.slices = Timer.builder("robust.eval.slice.duration")
                .description("Time of one pass over an image topic (all its severities)").register(registry);
        this.images = Counter.builder("robust.eval.images.scored")
                .description("Images scored; its rate is the replica's images/s").register(registry);
        Gauge.builder("robust.eval.checkpoints.waiting", waiting, AtomicLong::get)
                .description("Checkpoints on this replica's model.checkpoints partitions not yet taken for scoring")
                .register(registry);
    }

    @Override
    public void scored(long count, Duration elapsed) {
        slices.record(elapsed);
        images.increment(count);
    }

    public void sweepDone(EvaluationSummary.Status status, Duration elapsed) {
        sweeps.record(elapsed);
        Counter.builder("robust.eval.sweeps").description("Checkpoints scored, by the status of their summary")
                .tag("status", status.name().toLowerCase(Locale.ROOT)).register(registry).increment();
    }

    public void waiting(long checkpoints) {
        waiting.set(checkpoints);
    }

    /** See {@link ConsumerLag}. */
    public void watchLag(String group, String topic, Consumer<?, ?> consumer) {
        ConsumerLag.watch(registry, group, topic, consumer);
    }
}
