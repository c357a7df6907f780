package dev.robust.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DistillationLossTest {

    private static final float LN3 = (float) Math.log(3);

    @Test
    void crossEntropyIsMinusLogOfTheLabelsSoftmax() {
        // softmax([0, ln 3]) = [1/4, 3/4]
        assertEquals(Math.log(4.0 / 3), DistillationLoss.crossEntropy(new float[] {0, LN3}, 1), 1e-6);
        assertEquals(Math.log(4.0), DistillationLoss.crossEntropy(new float[] {0, LN3}, 0), 1e-6);
    }

    @Test
    void studentLossAveragesHardAndSoftTermsAtTemperatureOne() {
        // p = softmax([0, 0]) = [1/2, 1/2], q = [1/4, 3/4]: KL = ½ ln 2 + ½ ln(2/3) = ½ ln(4/3)
        double ce = Math.log(4.0 / 3);
        double kl = 0.5 * Math.log(4.0 / 3);
        assertEquals((ce + kl) / 2, DistillationLoss.studentLoss(new float[] {0, LN3}, new float[] {0, 0}, 1, 1.0), 1e-6);
    }

    @Test
    void temperatureDividesLogitsOfTheSoftTermOnlyAndHasNoSquaredFactor() {
        // s = [0, 2 ln 3]: CE at T=1 sees softmax = [1/10, 9/10]; at T=2, q = softmax([0, ln 3]) = [1/4, 3/4]
        // t = [2 ln 3, 0]: p = softmax([ln 3, 0]) = [3/4, 1/4]; KL = ¾ ln 3 − ¼ ln 3 = ½ ln 3
        float[] student = {0, 2 * LN3};
        float[] teacher = {2 * LN3, 0};
        double ce = Math.log(10.0 / 9);
        double kl = 0.5 * Math.log(3);
        assertEquals(kl, DistillationLoss.klDivergence(teacher, student, 2.0), 1e-6);
        assertEquals((ce + kl) / 2, DistillationLoss.studentLoss(student, teacher, 1, 2.0), 1e-6);
    }

    @Test
    void klDivergenceIsZeroWhenStudentMatchesTeacher() {
        float[] logits = {1.5f, -2f, 0.25f, 7f};
        assertEquals(0.0, DistillationLoss.klDivergence(logits, logits, DistillationLoss.DEFAULT_TEMPERATURE), 1e-12);
    }

    @Test
    void batchLossIsTheMeanOfPerImageLosses() {
        Logits student = new Logits(new float[] {0, LN3, 1, -1}, 2, 2);
        Logits teacher = new Logits(new float[] {0, 0, 3, 2}, 2, 2);
        int[] labels = {1, 0};
        double expected = (DistillationLoss.studentLoss(student.row(0), teacher.row(0), 1, 10)
                + DistillationLoss.studentLoss(student.row(1), teacher.row(1), 0, 10)) / 2;
        assertEquals(expected, DistillationLoss.studentLoss(student, teacher, labels, 10), 1e-12);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        float[] student = {0.3f, -1.2f, 2.0f, 0.7f};
        float[] teacher = {1.0f, 0.5f, -0.5f, 3.0f};
        double temperature = 3.0;
        double[] analytic = DistillationLoss.studentGradient(student, teacher, 2, temperature);
        double h = 1e-3;
        for (int i = 0; i < student.length; i++) {
            float[] plus = student.clone();
            float[] minus = student.clone();
            plus[i] += (float) h;
            minus[i] -= (float) h;
            double numeric = (DistillationLoss.studentLoss(plus, teacher, 2, temperature)
                    - DistillationLoss.studentLoss(minus, teacher, 2, temperature)) / (2 * h);
            assertEquals(numeric, analytic[i], 1e-4, "d loss / d logit " + i);
        }
    }

    @Test
    void largeLogitsDoNotOverflow() {
        assertEquals(0.0, DistillationLoss.crossEntropy(new float[] {1000f, 0f}, 0), 1e-9);
    }

    @Test
    void rejectsNonPositiveTemperature() {
        assertThrows(IllegalArgumentException.class,
                () -> DistillationLoss.klDivergence(new float[] {0, 1}, new float[] {0, 1}, 0));
    }
}
