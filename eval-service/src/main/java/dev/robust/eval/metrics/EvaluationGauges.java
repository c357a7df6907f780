package dev.robust.eval.metrics;

import dev.robust.common.event.EvaluationResult;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prometheus gauges of the latest evaluation per (role, corruption, severity): {@code robust_evaluation_top1},
 * {@code robust_evaluation_images} and {@code robust_evaluation_failed}, plus {@code robust_evaluation_epoch{role}},
 * the epoch those scores belong to. No run, checkpoint or epoch label: the series are bounded by the corruption
 * catalogue however many checkpoints a long-lived deployment scores (per-checkpoint scores are in the reports).
 * Failed evaluations are not exported as a score of zero.
 */
@ApplicationScoped
public class EvaluationGauges {
    static final String TOP1 = "robust.evaluation.top1";
    static final String IMAGES = "robust.evaluation.images";
    static final String FAILED = "robust.evaluation.failed";
    static final String EPOCH = "robust.evaluation.epoch";

    private final MeterRegistry registry;
    /** Gauges read these holders; doubles are stored as their bits so updates are atomic. */
    private final Map<Tags, AtomicLong> top1 = new ConcurrentHashMap<>();
    private final Map<Tags, AtomicLong> images = new ConcurrentHashMap<>();
    private final Map<Tags, AtomicLong> failed = new ConcurrentHashMap<>();
    private final Map<Tags, AtomicLong> epoch = new ConcurrentHashMap<>();

    EvaluationGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(EvaluationResult result) {
        Tags role = Tags.of("role", result.role().id());
        Tags tags = role.and("corruption", result.corruption(), "severity", Integer.toString(result.severity()));
        holder(epoch, EPOCH, "Epoch of the latest checkpoint of this role scored", role).set(
                Double.doubleToLongBits(result.epoch()));
        boolean ok = result.status() == EvaluationResult.Status.OK;
        holder(failed, FAILED, "Whether the latest evaluation of this slice failed (1) or not (0)", tags)
                .set(Double.doubleToLongBits(ok ? 0 : 1));
        if (!ok) return;
        holder(top1, TOP1, "Top-1 accuracy of the latest checkpoint of this role on one corruption and severity "
                + "(clean: severity 0)", tags).set(Double.doubleToLongBits(result.top1()));
        holder(images, IMAGES, "Images scored for this slice", tags).set(Double.doubleToLongBits(result.total()));
    }

    private AtomicLong holder(Map<Tags, AtomicLong> holders, String name, String description, Tags tags) {
        return holders.computeIfAbsent(tags, key -> {
            AtomicLong bits = new AtomicLong(Double.doubleToLongBits(Double.NaN));
            Gauge.builder(name, bits, value -> Double.longBitsToDouble(value.get()))
                    .description(description)
                    .tags(key)
                    .register(registry);
            return bits;
        });
    }
}
