package dev.robust.trainer.training;

import dev.robust.common.event.EpochMetrics;
import dev.robust.common.event.ModelKind;
import dev.robust.common.event.ModelRole;
import dev.robust.common.profile.StudentLoss;
import dev.robust.engine.Batch;
import dev.robust.engine.Compute;
import dev.robust.engine.Model;
import dev.robust.engine.ModelSpec;
import dev.robust.engine.Precision;
import dev.robust.trainer.checkpoint.JournalEntry;
import dev.robust.trainer.pairs.PairBatch;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The student: a fresh model of the teacher's architecture that sees the noisy view and learns
 * {@code (CE(y, s) + KL(softmax(t/T) ‖ softmax(s/T))) / 2} against the teacher's logits on the clean view of the same
 * image, the teacher in inference mode; with {@code student.loss=cross-entropy} (the augment-only control) it learns
 * {@code CE(y, s)} on the noisy view alone. Its final checkpoint holds the weights early stopping kept.
 */
final class StudentPhase {
    private static final Logger LOG = Logger.getLogger(StudentPhase.class);

    private final RunContext run;

    StudentPhase(RunContext run) {
        this.run = run;
    }

    JournalEntry train(Model teacher) {
        List<JournalEntry> resumed = run.journal().entries(ModelRole.STUDENT);
        if (!resumed.isEmpty() && resumed.get(resumed.size() - 1).checkpoint().finalCheckpoint()) {
            JournalEntry done = resumed.get(resumed.size() - 1);
            run.announce(done);
            return done;
        }
        Model student;
        if (resumed.isEmpty()) {
            // Another seed than the teacher's, so the student does not start from the teacher's initial weights.
            student = run.engine().create(ModelSpec.of(run.profile().model(), run.profile().crop(),
                    TeacherPhase.CLASSES, run.profile().seed() + 1),
                    Compute.of(Precision.fromId(run.profile().precision())));
            student.setLearningRate(run.profile().learningRate());
        } else {
            JournalEntry last = resumed.get(resumed.size() - 1);
            LOG.infof("run %s: resuming the student after %s", run.runId(), last.checkpoint().checkpointId());
            student = run.journal().load(last);
        }
        double temperature = run.profile().temperature();
        boolean distillation = run.profile().studentLoss() == StudentLoss.DISTILLATION;
        int epochs = run.profile().student().epochs();
        PhaseTraining.Outcome outcome = new PhaseTraining(run, ModelRole.STUDENT, run.profile().student(), epochs - 1)
                .run(student, resumed, new PhaseTraining.BatchStep() {
                    @Override
                    public Batch input(PairBatch batch) {
                        return batch.noisy();
                    }

                    @Override
                    public double train(PairBatch batch, long step) {
                        if (!distillation) return student.trainTeacher(batch.noisy());
                        return student.trainStudent(batch.noisy(), teacher.predict(batch.clean()), temperature);
                    }
                }, null);

        EpochMetrics last = outcome.last().metrics();
        ValidationSet.Score score = run.validation().score(student, run.profile().batchSize());
        Map<String, Double> extra = new HashMap<>();
        extra.put("restored_best", outcome.restoredBest() ? 1.0 : 0.0);
        extra.put("temperature", temperature);
        extra.put("distillation", distillation ? 1.0 : 0.0);
        EpochMetrics metrics = new EpochMetrics(last.loss(), last.accuracy(), score.loss(), score.accuracy(),
                student.learningRate(), last.imagesPerSecond(), extra);
        JournalEntry entry = run.journal().record(student, ModelRole.STUDENT, outcome.entries().size(),
                outcome.stepsTaken(), true, ModelKind.FINAL, metrics, run.dataset(), null);
        run.announce(entry);
        return entry;
    }
}
