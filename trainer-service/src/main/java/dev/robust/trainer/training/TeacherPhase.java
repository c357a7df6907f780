package dev.robust.trainer.training;

import dev.robust.common.event.EpochMetrics;
import dev.robust.common.event.ModelKind;
import dev.robust.common.event.ModelRole;
import dev.robust.engine.Batch;
import dev.robust.engine.Compute;
import dev.robust.engine.Model;
import dev.robust.engine.ModelSpec;
import dev.robust.engine.Precision;
import dev.robust.engine.SwaAverager;
import dev.robust.engine.SwaSchedule;
import dev.robust.trainer.checkpoint.JournalEntry;
import dev.robust.trainer.pairs.PairBatch;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The teacher: cross-entropy on the clean view with stochastic weight averaging. When its epochs end it first
 * announces its trained weights as the raw teacher (a final model of its own, scored like the others), then takes
 * the average, re-estimates batch-norm statistics on one more epoch of clean views (the averaged weights never
 * produced statistics of their own), and records validation before and after in its final checkpoint, the SWA
 * teacher. Without a single SWA snapshot the trained weights are the one final teacher, of kind raw.
 */
final class TeacherPhase {
    /** CIFAR-10 and the synthetic data set both have ten classes. */
    static final int CLASSES = 10;
    private static final Logger LOG = Logger.getLogger(TeacherPhase.class);

    private final RunContext run;

    TeacherPhase(RunContext run) {
        this.run = run;
    }

    /** Trains (or resumes) the teacher and returns its final checkpoint and model. */
    Result train() {
        List<JournalEntry> resumed = run.journal().entries(ModelRole.TEACHER);
        if (!resumed.isEmpty() && resumed.get(resumed.size() - 1).checkpoint().finalCheckpoint()) {
            JournalEntry done = resumed.get(resumed.size() - 1);
            LOG.infof("run %s: teacher already final at %s", run.runId(), done.checkpoint().checkpointId());
            Optional<JournalEntry> raw = run.journal().rawTeacher(done.checkpoint().epoch());
            raw.ifPresent(run::announce);
            run.announce(done);
            return new Result(done, raw, run.journal().load(done));
        }
        Model model;
        SwaAverager swa;
        if (resumed.isEmpty()) {
            model = run.engine().create(ModelSpec.of(run.profile().model(), run.profile().crop(), CLASSES,
                    run.profile().seed()), Compute.of(Precision.fromId(run.profile().precision())));
            model.setLearningRate(run.profile().learningRate());
            swa = new SwaAverager();
        } else {
            JournalEntry last = resumed.get(resumed.size() - 1);
            LOG.infof("run %s: resuming the teacher after %s", run.runId(), last.checkpoint().checkpointId());
            model = run.journal().load(last);
            swa = run.journal().swa(last);
        }
        SwaSchedule schedule = new SwaSchedule(run.profile().swaStartStep(), run.profile().swaEverySteps());
        int epochs = run.profile().teacher().epochs();
        PhaseTraining.Outcome outcome = new PhaseTraining(run, ModelRole.TEACHER, run.profile().teacher(), epochs)
                .run(model, resumed, new PhaseTraining.BatchStep() {
                    @Override
                    public Batch input(PairBatch batch) {
                        return batch.clean();
                    }

                    @Override
                    public double train(PairBatch batch, long step) {
                        double loss = model.trainTeacher(batch.clean());
                        if (schedule.snapshotAt(step)) {
                            swa.add(model.parameters());
                        }
                        return loss;
                    }
                }, swa);
        Optional<JournalEntry> raw = Optional.empty();
        if (swa.count() > 0) {
            raw = Optional.of(run.journal().recordRawTeacher(outcome.kept(), outcome.entries().size()));
            run.announce(raw.get());
        }
        return new Result(finish(model, swa, outcome), raw, model);
    }

    private JournalEntry finish(Model model, SwaAverager swa, PhaseTraining.Outcome outcome) {
        int finalEpoch = outcome.entries().size();
        EpochMetrics last = outcome.last().metrics();
        ValidationSet.Score before = run.validation().score(model, run.profile().batchSize());
        Map<String, Double> extra = new HashMap<>();
        extra.put("val_loss_before_swa", before.loss());
        extra.put("val_accuracy_before_swa", before.accuracy());
        extra.put("swa_snapshots", (double) swa.count());
        extra.put("restored_best", outcome.restoredBest() ? 1.0 : 0.0);
        ValidationSet.Score after = before;
        if (swa.count() > 0) {
            model.setParameters(swa.average());
            // The pass reads the epoch after the last trained one: requested with the look-ahead, or now.
            run.requests().ensureRequested(ModelRole.TEACHER, run.profile().seed(), finalEpoch, finalEpoch);
            model.recomputeBatchNormStatistics(cleanViews(finalEpoch));
            after = run.validation().score(model, run.profile().batchSize());
            LOG.infof("run %s: SWA of %d snapshots: val_accuracy %.4f -> %.4f", run.runId(), swa.count(),
                    before.accuracy(), after.accuracy());
        } else {
            LOG.warnf("run %s: SWA took no snapshot (teacher.swa.start-step %d is past the %d steps trained); "
                    + "keeping the trained weights", run.runId(), run.profile().swaStartStep(), outcome.stepsTaken());
        }
        EpochMetrics metrics = new EpochMetrics(last.loss(), last.accuracy(), after.loss(), after.accuracy(),
                model.learningRate(), last.imagesPerSecond(), extra);
        JournalEntry entry = run.journal().record(model, ModelRole.TEACHER, finalEpoch, outcome.stepsTaken(), true,
                swa.count() > 0 ? ModelKind.SWA : ModelKind.RAW, metrics, run.dataset(), null);
        run.announce(entry);
        return entry;
    }

    private Iterable<Batch> cleanViews(int epoch) {
        Iterable<PairBatch> pairs = run.pairs().epoch(ModelRole.TEACHER, epoch);
        return () -> new Iterator<>() {
            private final Iterator<PairBatch> source = pairs.iterator();

            @Override
            public boolean hasNext() {
                run.control().checkContinue();
                return source.hasNext();
            }

            @Override
            public Batch next() {
                return source.next().clean();
            }
        };
    }

    /**
     * The teacher's final checkpoint (the one the student learns from) and its model, ready for inference, and
     * the raw teacher announced beside it when SWA made them two models.
     */
    record Result(JournalEntry checkpoint, Optional<JournalEntry> raw, Model model) {
    }
}
