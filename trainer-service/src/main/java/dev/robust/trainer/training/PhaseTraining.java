package dev.robust.trainer.training;

import dev.robust.common.event.EpochMetrics;
import dev.robust.common.event.ModelKind;
import dev.robust.common.event.ModelRole;
import dev.robust.common.profile.Monitor;
import dev.robust.common.profile.PhaseSettings;
import dev.robust.engine.Batch;
import dev.robust.engine.EarlyStopping;
import dev.robust.engine.MetricDirection;
import dev.robust.engine.Model;
import dev.robust.engine.ReduceLrOnPlateau;
import dev.robust.engine.SwaAverager;
import dev.robust.trainer.checkpoint.JournalEntry;
import dev.robust.trainer.pairs.PairBatch;
import dev.robust.trainer.pairs.PairsUnavailableException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The epoch loop both phases share: train on the epoch's pairs, validate, adjust the learning rate on a plateau,
 * check early stopping, checkpoint and announce. It continues after the entries a previous attempt recorded:
 * their metrics are replayed through the plateau and early-stopping logic so both decide as if never interrupted.
 */
final class PhaseTraining {
    private static final Logger LOG = Logger.getLogger(PhaseTraining.class);
    /**
     * Training accuracy is measured on every n-th batch (a prediction before the step): the engine's training step
     * returns only the loss, and predicting every batch would cost a sixth of the throughput for a figure that is
     * only a progress indicator.
     */
    static final int ACCURACY_SAMPLE_EVERY = 4;

    /** What one phase does with a batch. */
    interface BatchStep {
        /** The view the model learns from (its predictions are what training accuracy measures). */
        Batch input(PairBatch batch);

        /** One optimiser step; {@code step} counts the phase's steps from 0. Returns the batch's mean loss. */
        double train(PairBatch batch, long step);
    }

    /**
     * @param entries      every epoch checkpoint of the phase, the resumed ones first
     * @param stepsTaken   optimiser steps of the phase so far
     * @param restoredBest whether the weights were put back to the best epoch's
     * @param kept         the epoch checkpoint whose weights the model holds now: the best one when restored, else
     *                     the last
     */
    record Outcome(List<JournalEntry> entries, long stepsTaken, boolean restoredBest, JournalEntry kept) {
        JournalEntry last() {
            return entries.get(entries.size() - 1);
        }
    }

    private final RunContext run;
    private final ModelRole phase;
    private final PhaseSettings settings;
    /** The last epoch whose pairs the phase may need (the teacher's SWA batch-norm pass reads one extra). */
    private final int lastRequestedEpoch;

    PhaseTraining(RunContext run, ModelRole phase, PhaseSettings settings, int lastRequestedEpoch) {
        this.run = run;
        this.phase = phase;
        this.settings = settings;
        this.lastRequestedEpoch = lastRequestedEpoch;
    }

    /**
     * Trains {@code model} from the epoch after {@code resumed} until the epochs run out or early stopping ends it.
     *
     * @param swa the teacher's weight average (saved with each checkpoint), or null for the student
     */
    Outcome run(Model model, List<JournalEntry> resumed, BatchStep step, SwaAverager swa) {
        ReduceLrOnPlateau plateau = new ReduceLrOnPlateau(direction(settings.plateauMonitor()),
                settings.plateauFactor(), settings.plateauPatience());
        EarlyStopping stopping = new EarlyStopping(direction(settings.earlyStoppingMonitor()),
                settings.earlyStoppingPatience(), 0.0, settings.earlyStoppingRestoresBest());
        List<JournalEntry> entries = new ArrayList<>(resumed);
        EarlyStopping.Decision decision = null;
        for (JournalEntry entry : resumed) {
            plateau.onEpochEnd(monitored(settings.plateauMonitor(), entry.metrics()), entry.metrics().lr());
            decision = stopping.onEpochEnd(entry.checkpoint().epoch(),
                    monitored(settings.earlyStoppingMonitor(), entry.metrics()));
        }
        if (!resumed.isEmpty()) {
            // A trainer that died after recording its last checkpoint but before announcing it left that checkpoint
            // unknown to the eval-service and the augment-service; announcing it again is harmless to both.
            run.announce(resumed.get(resumed.size() - 1));
        }
        long steps = resumed.isEmpty() ? 0 : resumed.get(resumed.size() - 1).step();
        int epoch = resumed.size();
        run.metrics().phaseStarted(phase);
        while (epoch < settings.epochs() && (decision == null || !decision.stop())) {
            run.requests().ensureRequested(phase, run.profile().seed(), epoch, lastRequestedEpoch);
            EpochTotals totals = trainEpoch(model, epoch, steps, step);
            steps += totals.batches();
            ValidationSet.Score score = run.validation().score(model, run.profile().batchSize());
            double lrUsed = model.learningRate();
            EpochMetrics metrics = new EpochMetrics(totals.meanLoss(), totals.sampledAccuracy(), score.loss(),
                    score.accuracy(), lrUsed, totals.imagesPerSecond(),
                    Map.of("epoch_seconds", totals.seconds(), "steps", (double) steps));
            model.setLearningRate(plateau.onEpochEnd(monitored(settings.plateauMonitor(), metrics), lrUsed));
            decision = stopping.onEpochEnd(epoch, monitored(settings.earlyStoppingMonitor(), metrics));
            run.metrics().epochDone(phase, metrics);
            JournalEntry entry = run.journal().record(model, phase, epoch, steps, false, ModelKind.EPOCH, metrics,
                    run.dataset(), swa);
            run.announce(entry);
            entries.add(entry);
            LOG.infof("run %s %s epoch %d: loss %.4f, val_loss %.4f, val_accuracy %.4f, %.1f images/s, lr %.2g",
                    run.runId(), phase.id(), epoch, metrics.loss(), score.loss(), score.accuracy(),
                    totals.imagesPerSecond(), lrUsed);
            epoch++;
        }
        boolean restore = decision != null && decision.restoreBest();
        JournalEntry kept = entries.get(entries.size() - 1);
        if (restore) {
            JournalEntry best = entries.get(decision.bestEpoch());
            kept = best;
            LOG.infof("run %s %s: early stop after epoch %d, restoring epoch %d", run.runId(), phase.id(), epoch - 1,
                    decision.bestEpoch());
            model.setParameters(run.journal().load(best).parameters());
        }
        return new Outcome(entries, steps, restore, kept);
    }

    private record EpochTotals(double meanLoss, double sampledAccuracy, long images, int batches, double seconds) {
        double imagesPerSecond() {
            return seconds > 0 ? images / seconds : 0;
        }
    }

    private EpochTotals trainEpoch(Model model, int epoch, long firstStep, BatchStep step) {
        int stepsPerEpoch = (run.profile().trainExamples() + run.profile().batchSize() - 1) / run.profile().batchSize();
        double lossSum = 0;
        double correct = 0;
        long sampled = 0;
        long images = 0;
        int batches = 0;
        long start = System.nanoTime();
        Iterator<PairBatch> pairs = run.pairs().epoch(phase, epoch).iterator();
        long waitStart = System.nanoTime();
        // hasNext() blocks until the next batch of pairs is in: the time it takes is time waited for pairs.
        while (pairs.hasNext()) {
            PairBatch batch = pairs.next();
            run.metrics().pairsWaited(Duration.ofNanos(System.nanoTime() - waitStart));
            run.control().checkContinue();
            if (batches % ACCURACY_SAMPLE_EVERY == 0) {
                Batch input = step.input(batch);
                correct += model.predict(input).accuracy(input.requireLabels()) * batch.size();
                sampled += batch.size();
            }
            lossSum += step.train(batch, firstStep + batches) * batch.size();
            images += batch.size();
            batches++;
            double seconds = (System.nanoTime() - start) / 1e9;
            run.control().onProgress(new RunProgress(phase, epoch, batches, stepsPerEpoch, images / seconds));
            run.metrics().progress(phase, epoch, firstStep + batches, images / seconds);
            waitStart = System.nanoTime();
        }
        if (images == 0) {
            throw new PairsUnavailableException(phase.id() + " epoch " + epoch + " of run " + run.runId()
                    + " ended without a single pair");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new EpochTotals(lossSum / images, sampled == 0 ? 0 : correct / sampled, images, batches, seconds);
    }

    static MetricDirection direction(Monitor monitor) {
        return monitor.lowerIsBetter() ? MetricDirection.LOWER_IS_BETTER : MetricDirection.HIGHER_IS_BETTER;
    }

    static double monitored(Monitor monitor, EpochMetrics metrics) {
        Double value = monitor == Monitor.VAL_LOSS ? metrics.valLoss() : metrics.valAccuracy();
        if (value == null) {
            throw new IllegalStateException(monitor.id() + " is missing from the epoch's metrics");
        }
        return value;
    }
}
