package dev.robust.engine.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robust.engine.Batch;
import dev.robust.engine.Engines;
import dev.robust.engine.Model;
import dev.robust.engine.ModelSpec;
import dev.robust.engine.SwaAverager;
import dev.robust.engine.SwaSchedule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A small model learns the coloured-squares classes, as teacher, as student, and after SWA. */
class TrainingTest {

    private static final int SIDE = 12;

    @Test
    void teacherLearnsThenSwaAverageWithRecomputedStatisticsStillClassifies() {
        Model teacher = Engines.named("torch").create(ModelSpec.of("smallcnn", SIDE, 10, 42));
        List<Batch> train = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            train.add(SyntheticBatches.colouredSquares(16, SIDE, 100 + i));
        }
        Batch validation = SyntheticBatches.colouredSquares(200, SIDE, 7);
        SwaSchedule schedule = new SwaSchedule(45, 5);
        SwaAverager averager = new SwaAverager();
        long step = 0;
        double firstEpochLoss = 0;
        double lastEpochLoss = 0;
        for (int epoch = 0; epoch < 3; epoch++) {
            double loss = 0;
            for (Batch batch : train) {
                loss += teacher.trainTeacher(batch);
                if (schedule.snapshotAt(step++)) {
                    averager.add(teacher.parameters());
                }
            }
            firstEpochLoss = epoch == 0 ? loss / train.size() : firstEpochLoss;
            lastEpochLoss = loss / train.size();
        }
        assertTrue(lastEpochLoss < firstEpochLoss * 0.7, "loss " + firstEpochLoss + " -> " + lastEpochLoss);
        double accuracy = teacher.predict(validation).accuracy(validation.labels());
        assertTrue(accuracy > 0.3, "teacher accuracy " + accuracy + " should clearly beat chance (0.1)");

        teacher.setParameters(averager.average());
        assertArrayEquals(averager.average(), teacher.parameters());
        teacher.recomputeBatchNormStatistics(train);
        double swaAccuracy = teacher.predict(validation).accuracy(validation.labels());
        assertTrue(swaAccuracy > 0.6, "SWA accuracy " + swaAccuracy + " should clearly beat chance (0.1)");
        System.out.printf("torch, accuracy on 200 synthetic images: teacher %.3f, SWA + recomputed BN %.3f%n",
                accuracy, swaAccuracy);

        Model student = Engines.named("torch").create(ModelSpec.of("smallcnn", SIDE, 10, 43));
        for (int epoch = 0; epoch < 3; epoch++) {
            for (Batch batch : train) {
                student.trainStudent(batch, teacher.predict(batch), 10.0);
            }
        }
        double studentAccuracy = student.predict(validation).accuracy(validation.labels());
        System.out.printf("torch, accuracy on 200 synthetic images: student %.3f%n", studentAccuracy);
        assertTrue(studentAccuracy > 0.3, "student accuracy " + studentAccuracy + " should clearly beat chance (0.1)");
    }

    @Test
    void learningRateCanBeLowered() {
        Model model = Engines.named("torch").create(ModelSpec.of("smallcnn", SIDE, 10, 1));
        assertEquals(1e-3, model.learningRate(), 1e-12);
        model.setLearningRate(1e-4);
        assertEquals(1e-4, model.learningRate(), 1e-12);
    }
}
