package dev.robust.engine.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.robust.engine.Batch;
import dev.robust.engine.DistillationLoss;
import dev.robust.engine.Engines;
import dev.robust.engine.Logits;
import dev.robust.engine.ModelSpec;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DistillationLossFunctionTest {

    private static final int ROWS = 5;
    private static final int CLASSES = 10;

    private final SplittableRandom random = new SplittableRandom(5);
    private final float[] student = randomLogits();
    private final float[] teacher = randomLogits();
    private final int[] labels = random.ints(ROWS, 0, CLASSES).toArray();

    @Test
    void studentScoreAndGradientEqualTheReference() {
        var loss = new DistillationLossFunction(4.0);
        INDArray labelArray = Nd4j.hstack(oneHot(), matrix(teacher));
        double score = loss.computeScore(labelArray, matrix(student), new ActivationIdentity(), null, true);
        INDArray gradient = loss.computeGradient(labelArray, matrix(student), new ActivationIdentity(), null);

        Logits s = new Logits(student, ROWS, CLASSES);
        Logits t = new Logits(teacher, ROWS, CLASSES);
        assertEquals(DistillationLoss.studentLoss(s, t, labels, 4.0), score, 1e-5);
        for (int r = 0; r < ROWS; r++) {
            double[] expected = DistillationLoss.studentGradient(s.row(r), t.row(r), labels[r], 4.0);
            for (int c = 0; c < CLASSES; c++) {
                assertEquals(expected[c], gradient.getDouble(r, c), 1e-5, "row " + r + " class " + c);
            }
        }
    }

    @Test
    void teacherScoreIsSoftmaxCrossEntropy() {
        var loss = new DistillationLossFunction(DistillationLoss.DEFAULT_TEMPERATURE);
        double score = loss.computeScore(oneHot(), matrix(student), new ActivationIdentity(), null, true);
        assertEquals(new Logits(student, ROWS, CLASSES).meanCrossEntropy(labels), score, 1e-5);
    }

    @Test
    void studentTrainingReportsTheReferenceLossOfItsTrainingModeLogits() {
        var model = (Dl4jModel) Engines.named("dl4j").create(ModelSpec.of("smallcnn", 16, CLASSES, 2));
        Batch batch = SyntheticBatches.colouredSquares(ROWS, 16, 9);
        INDArray trainingLogits = model.network()
                .feedForward(new INDArray[] {Dl4jModel.pixels(batch)}, true, false).get(NetworkLayers.LOGITS);
        Logits before = new Logits(trainingLogits.castTo(DataType.FLOAT).dup('c').data().asFloat(), ROWS, CLASSES);
        Logits teacherLogits = new Logits(teacher, ROWS, CLASSES);

        double reported = model.trainStudent(batch, teacherLogits, 10.0);

        assertEquals(DistillationLoss.studentLoss(before, teacherLogits, batch.labels(), 10.0), reported, 1e-4);
    }

    private float[] randomLogits() {
        float[] values = new float[ROWS * CLASSES];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * 3);
        }
        return values;
    }

    private INDArray oneHot() {
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, ROWS, CLASSES);
        for (int r = 0; r < ROWS; r++) {
            oneHot.putScalar(r, labels[r], 1f);
        }
        return oneHot;
    }

    private static INDArray matrix(float[] values) {
        return Nd4j.create(values, new long[] {ROWS, CLASSES}, 'c');
    }
}
