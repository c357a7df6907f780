package dev.robust.trainer.training;

import dev.robust.common.event.CheckpointCreated;
import dev.robust.common.event.EpochMetrics;
import dev.robust.common.event.ModelRole;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/**
 * What this replica's training looks like right now, for {@code /q/metrics}: one set of gauges per phase (label
 * {@code role}), counters of checkpoints and run ends. No run or checkpoint label, so the series stay bounded
 * however many runs a long-lived replica trains; the run itself is in the {@code runs} topic and the trainer's REST
 * API.
 */
@ApplicationScoped
public class TrainingMetrics {
    /** The latest figures of one phase; doubles held as bits so gauges read them atomically. */
    private static final class Phase {
        final AtomicLong training = bits(0);
        final AtomicLong epoch = bits(Double.NaN);
        final AtomicLong step = bits(Double.NaN);
        final AtomicLong imagesPerSecond = bits(Double.NaN);
        final AtomicLong loss = bits(Double.NaN);
        final AtomicLong valLoss = bits(Double.NaN);
        final AtomicLong valAccuracy = bits(Double.NaN);
        final AtomicLong learningRate = bits(Double.NaN);
    }

    private final MeterRegistry registry;
    private final Map<ModelRole, Phase> phases = new EnumMap<>(ModelRole.class);
    private final AtomicLong runsTraining = new AtomicLong();
    private final Timer publish;
    private final Timer pairsWait;

    TrainingMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (ModelRole role : ModelRole.values()) {
            Phase phase = new Phase();
            phases.put(role, phase);
            gauge("robust.trainer.phase", "1 while this phase is training, else 0", role, phase.training);
            gauge("robust.trainer.epoch", "Epoch in training or last trained (from 0)", role, phase.epoch);
            gauge("robust.trainer.step", "Optimiser steps taken in the phase", role, phase.step);
            gauge("robust.trainer.images.per.second", "Training throughput of the current epoch", role,
                    phase.imagesPerSecond);
            gauge("robust.trainer.loss", "Mean training loss of the last epoch", role, phase.loss);
            gauge("robust.trainer.val.loss", "Validation loss of the last epoch", role, phase.valLoss);
            gauge("robust.trainer.val.accuracy", "Validation accuracy of the last epoch", role, phase.valAccuracy);
            gauge("robust.trainer.learning.rate", "Learning rate of the last epoch", role, phase.learningRate);
        }
        Gauge.builder("robust.trainer.runs.training", runsTraining, AtomicLong::get)
                .description("Runs this replica is training now (0 or 1)").register(registry);
        publish = Timer.builder("robust.trainer.checkpoint.publish.duration")
                .description("Time to announce a recorded checkpoint on Kafka (claim check and epoch end)")
                .register(registry);
        pairsWait = Timer.builder("robust.trainer.pairs.wait")
                .description("Time training waited for the next batch of pairs").register(registry);
    }

    /** A phase starts or resumes training. */
    void phaseStarted(ModelRole role) {
        phases.forEach((each, phase) -> phase.training.set(Double.doubleToLongBits(each == role ? 1 : 0)));
    }

    void progress(ModelRole role, int epoch, long step, double imagesPerSecond) {
        Phase phase = phases.get(role);
        phase.epoch.set(Double.doubleToLongBits(epoch));
        phase.step.set(Double.doubleToLongBits(step));
        phase.imagesPerSecond.set(Double.doubleToLongBits(imagesPerSecond));
    }

    void epochDone(ModelRole role, EpochMetrics metrics) {
        Phase phase = phases.get(role);
        phase.loss.set(Double.doubleToLongBits(orNaN(metrics.loss())));
        phase.valLoss.set(Double.doubleToLongBits(orNaN(metrics.valLoss())));
        phase.valAccuracy.set(Double.doubleToLongBits(orNaN(metrics.valAccuracy())));
        phase.learningRate.set(Double.doubleToLongBits(orNaN(metrics.lr())));
    }

    void pairsWaited(Duration waited) {
        pairsWait.record(waited);
    }

    void published(CheckpointCreated checkpoint, Duration took) {
        publish.record(took);
        Counter.builder("robust.trainer.checkpoints.published").description("Checkpoints announced on Kafka")
                .tag("role", checkpoint.role().id()).tag("kind", checkpoint.kind().id())
                .register(registry).increment();
    }

    void runStarted() {
        runsTraining.incrementAndGet();
    }

    /** @param outcome finished, failed or stopped (cancelled, or handed to another replica) */
    void runEnded(String outcome) {
        runsTraining.decrementAndGet();
        phases.values().forEach(phase -> phase.training.set(Double.doubleToLongBits(0)));
        Counter.builder("robust.trainer.runs.ended").description("Runs this replica stopped training, by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }

    private void gauge(String name, String description, ModelRole role, AtomicLong holder) {
        ToDoubleFunction<AtomicLong> read = value -> Double.longBitsToDouble(value.get());
        Gauge.builder(name, holder, read).description(description).tag("role", role.id()).register(registry);
    }

    private static AtomicLong bits(double value) {
        return new AtomicLong(Double.doubleToLongBits(value));
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }
}
