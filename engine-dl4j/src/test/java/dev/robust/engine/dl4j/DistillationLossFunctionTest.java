package dev.robust.engine.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.robust.engine.DistillationLoss;
import dev.robust.engine.testing.DistillationCase;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DistillationLossFunctionTest {

    private final DistillationCase logits = DistillationCase.draw(5, 10, 5);

    @Test
    void studentScoreAndGradientEqualTheReference() {
        var loss = new DistillationLossFunction(4.0);
        INDArray labelArray = Nd4j.hstack(oneHot(), matrix(logits.teacher().values()));
        INDArray student = matrix(logits.student().values());
        double score = loss.computeScore(labelArray, student, new ActivationIdentity(), null, true);
        INDArray gradient = loss.computeGradient(labelArray, student, new ActivationIdentity(), null);

        assertEquals(logits.expectedStudentLoss(4.0), score, 1e-5);
        for (int r = 0; r < logits.rows(); r++) {
            double[] expected = logits.expectedStudentGradient(r, 4.0);
            for (int c = 0; c < logits.classes(); c++) {
                // DL4J hands back each image's gradient, not that of the batch mean.
                assertEquals(expected[c], gradient.getDouble(r, c), 1e-5, "row " + r + " class " + c);
            }
        }
    }

    @Test
    void teacherScoreIsSoftmaxCrossEntropy() {
        var loss = new DistillationLossFunction(DistillationLoss.DEFAULT_TEMPERATURE);
        double score = loss.computeScore(oneHot(), matrix(logits.student().values()), new ActivationIdentity(), null, true);
        assertEquals(logits.expectedCrossEntropy(), score, 1e-5);
    }

    private INDArray oneHot() {
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, logits.rows(), logits.classes());
        for (int r = 0; r < logits.rows(); r++) {
            oneHot.putScalar(r, logits.labels()[r], 1f);
        }
        return oneHot;
    }

    private INDArray matrix(float[] values) {
        return Nd4j.create(values, new long[] {logits.rows(), logits.classes()}, 'c');
    }
}
