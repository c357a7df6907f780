package dev.robust.engine.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.robust.engine.DistillationLoss;
import dev.robust.engine.Logits;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ObjectivesTest {

    private static final int ROWS = 5;
    private static final int CLASSES = 10;

    private final SplittableRandom random = new SplittableRandom(5);
    private final float[] student = randomLogits();
    private final float[] teacher = randomLogits();
    private final int[] labels = random.ints(ROWS, 0, CLASSES).toArray();

    @BeforeAll
    static void loadLibtorch() {
        TorchRuntime.initialise();
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.0, 4.0, 10.0})
    void studentLossAndGradientEqualTheReference(double temperature) {
        try (PointerScope scope = new PointerScope()) {
            Tensor s = TensorData.floats(student, ROWS, CLASSES).set_requires_grad(true);
            Tensor loss = Objectives.distillation(s, TensorData.floats(teacher, ROWS, CLASSES), labelTensor(),
                    temperature);
            loss.backward();
            float[] gradient = TensorData.toArray(s.grad());

            Logits studentLogits = new Logits(student, ROWS, CLASSES);
            Logits teacherLogits = new Logits(teacher, ROWS, CLASSES);
            assertEquals(DistillationLoss.studentLoss(studentLogits, teacherLogits, labels, temperature),
                    loss.item_double(), 1e-5);
            for (int r = 0; r < ROWS; r++) {
                double[] expected = DistillationLoss.studentGradient(studentLogits.row(r), teacherLogits.row(r),
                        labels[r], temperature);
                for (int c = 0; c < CLASSES; c++) {
                    // The loss is the batch mean, so each row's gradient is the reference's over the batch size.
                    assertEquals(expected[c] / ROWS, gradient[r * CLASSES + c], 1e-6, "row " + r + " class " + c);
                }
            }
        }
    }

    @Test
    void teacherLossIsSoftmaxCrossEntropy() {
        try (PointerScope scope = new PointerScope()) {
            Tensor loss = Objectives.crossEntropy(TensorData.floats(student, ROWS, CLASSES), labelTensor());
            assertEquals(new Logits(student, ROWS, CLASSES).meanCrossEntropy(labels), loss.item_double(), 1e-5);
        }
    }

    private Tensor labelTensor() {
        long[] indices = new long[ROWS];
        for (int r = 0; r < ROWS; r++) {
            indices[r] = labels[r];
        }
        return Tensor.create(indices, ROWS);
    }

    private float[] randomLogits() {
        float[] values = new float[ROWS * CLASSES];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * 3);
        }
        return values;
    }
}
