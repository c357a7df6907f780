package dev.robust.engine.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.robust.engine.testing.DistillationCase;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectivesTest {

    private final DistillationCase logits = DistillationCase.draw(5, 10, 5);

    @BeforeAll
    static void loadLibtorch() {
        TorchRuntime.initialise();
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.0, 4.0, 10.0})
    void studentLossAndGradientEqualTheReference(double temperature) {
        int rows = logits.rows();
        int classes = logits.classes();
        try (PointerScope scope = new PointerScope()) {
            Tensor s = TensorData.floats(logits.student().values(), rows, classes).set_requires_grad(true);
            Tensor loss = Objectives.distillation(s, TensorData.floats(logits.teacher().values(), rows, classes),
                    labelTensor(), temperature);
            loss.backward();
            float[] gradient = TensorData.toArray(s.grad());

            assertEquals(logits.expectedStudentLoss(temperature), loss.item_double(), 1e-5);
            for (int r = 0; r < rows; r++) {
                double[] expected = logits.expectedStudentGradient(r, temperature);
                for (int c = 0; c < classes; c++) {
                    // The loss is the batch mean, so each row's gradient is the reference's over the batch size.
                    assertEquals(expected[c] / rows, gradient[r * classes + c], 1e-6, "row " + r + " class " + c);
                }
            }
        }
    }

    @Test
    void teacherLossIsSoftmaxCrossEntropy() {
        try (PointerScope scope = new PointerScope()) {
            Tensor loss = Objectives.crossEntropy(
                    TensorData.floats(logits.student().values(), logits.rows(), logits.classes()), labelTensor());
            assertEquals(logits.expectedCrossEntropy(), loss.item_double(), 1e-5);
        }
    }

    private Tensor labelTensor() {
        return Tensor.create(logits.labelIndices(), logits.rows());
    }
}
