package dev.robust.engine.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robust.engine.Batch;
import dev.robust.engine.Engines;
import dev.robust.engine.Logits;
import dev.robust.engine.Model;
import dev.robust.engine.ModelSpec;
import dev.robust.engine.dl4j.DistillationLossFunction;
import dev.robust.engine.testing.DistillationCase;
import dev.robust.engine.testing.SyntheticBatches;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The two engines are interchangeable: in one JVM (as in a service with both on its class path) they learn the same
 * small problem from the same data and seed to comparable accuracy, and score the same logits with the same loss.
 */
class EngineParityTest {

    private static final int SIDE = 12;
    private static final int CLASSES = 10;

    @Test
    void bothEnginesLearnTheSameProblemToComparableAccuracy() {
        List<Batch> train = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            train.add(SyntheticBatches.colouredSquares(16, SIDE, 100 + i));
        }
        Batch validation = SyntheticBatches.colouredSquares(200, SIDE, 7);

        double torch = accuracyAfterTraining("torch", train, validation);
        double dl4j = accuracyAfterTraining("dl4j", train, validation);

        System.out.printf("validation accuracy after 2 epochs of smallcnn: torch %.3f, dl4j %.3f%n", torch, dl4j);
        assertTrue(torch > 0.5 && dl4j > 0.5, "both should clearly beat chance (0.1): torch " + torch + ", dl4j " + dl4j);
        assertEquals(dl4j, torch, 0.2, "the engines should reach comparable accuracy");
    }

    @Test
    void distillationLossHasTheSameValueAndGradientOnTheSameLogitsInBothEngines() {
        DistillationCase logits = DistillationCase.draw(6, CLASSES, 11);
        int rows = logits.rows();
        float[] student = logits.student().values();
        float[] teacher = logits.teacher().values();
        double temperature = 10.0;

        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, rows, CLASSES);
        for (int r = 0; r < rows; r++) {
            oneHot.putScalar(r, logits.labels()[r], 1f);
        }
        INDArray dl4jLabels = Nd4j.hstack(oneHot, Nd4j.create(teacher, new long[] {rows, CLASSES}, 'c'));
        INDArray dl4jLogits = Nd4j.create(student, new long[] {rows, CLASSES}, 'c');
        var dl4jLoss = new DistillationLossFunction(temperature);
        double dl4jValue = dl4jLoss.computeScore(dl4jLabels, dl4jLogits, new ActivationIdentity(), null, true);
        float[] dl4jGradient = dl4jLoss.computeGradient(dl4jLabels, dl4jLogits, new ActivationIdentity(), null)
                .castTo(DataType.FLOAT).dup('c').data().asFloat();

        try (PointerScope scope = new PointerScope()) {
            TorchRuntime.initialise();
            Tensor s = TensorData.floats(student, rows, CLASSES).set_requires_grad(true);
            Tensor loss = Objectives.distillation(s, TensorData.floats(teacher, rows, CLASSES),
                    Tensor.create(logits.labelIndices(), rows), temperature);
            loss.backward();
            float[] torchGradient = TensorData.toArray(s.grad());

            assertEquals(dl4jValue, loss.item_double(), 1e-5);
            for (int i = 0; i < dl4jGradient.length; i++) {
                // DL4J hands back each image's gradient; libtorch's is of the batch mean.
                assertEquals(dl4jGradient[i], torchGradient[i] * rows, 1e-5, "element " + i);
            }
        }
    }

    private static double accuracyAfterTraining(String engine, List<Batch> train, Batch validation) {
        Model model = Engines.named(engine).create(ModelSpec.of("smallcnn", SIDE, CLASSES, 42));
        for (int epoch = 0; epoch < 2; epoch++) {
            for (Batch batch : train) {
                model.trainTeacher(batch);
            }
        }
        // Running statistics lag far behind after 48 steps (momentum 0.99) in both engines; what SWA does removes it.
        model.recomputeBatchNormStatistics(train);
        Logits logits = model.predict(validation);
        return logits.accuracy(validation.labels());
    }
}
