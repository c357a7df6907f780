package dev.robust.eval.scoring;

import dev.robust.common.stats.Calibration;
import dev.robust.common.stats.CalibrationBin;
import dev.robust.engine.Logits;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SliceLikelihoodTest {
    /** Twelve images' logits and labels, drawn once with numpy (normal, σ 3, rounded to 3 places; seed 7). */
    private static final float[][] LOGITS = {
            {0.004f, 0.896f, -0.822f, -2.672f, -1.364f, -2.975f, 0.18f, 4.021f, -1.477f, -1.861f},
            {1.47f, 1.071f, 0.316f, -2.791f, -0.088f, 2.086f, -4.033f, -1.373f, -5.704f, -3.869f},
            {-5.525f, -0.705f, -3.802f, 0.814f, 0.47f, -0.561f, -7.55f, -1.616f, -0.146f, 0.34f},
            {-4.59f, -1.433f, -2.936f, -2.427f, 3.183f, -2.423f, -0.098f, 2.653f, -1.751f, -0.335f},
            {0.331f, 0.191f, -3.675f, 0.228f, 4.076f, -4.641f, 2.578f, 0.358f, -1.924f, 6.001f},
            {2.287f, -3.598f, 0.224f, 1.73f, -0.566f, 2.049f, -0.2f, 2.002f, 4.316f, -2.027f},
            {0.609f, -1.39f, 0.382f, -3.562f, -1.738f, -0.589f, 2.696f, 3.436f, -3.971f, -2.384f},
            {1.941f, -5.977f, -1.39f, -0.292f, 3.771f, 2.068f, -0.982f, -1.106f, -0.751f, 4.571f},
            {-1.284f, -0.911f, 1.058f, -0.362f, -0.592f, -3.342f, -0.035f, -1.331f, 3.498f, 1.959f},
            {-0.072f, 2.005f, -1.02f, 3.156f, -0.016f, 1.75f, -3.873f, 1.04f, -5.065f, -6.106f},
            {-0.913f, -2.7f, 0.492f, 6.734f, -2.495f, -1.872f, 0.616f, 1.479f, -0.529f, -0.618f},
            {2.107f, 1.56f, -3.101f, -0.238f, 0.106f, -3.163f, 0.78f, -2.574f, 2.916f, 0.578f}};
    private static final int[] LABELS = {8, 6, 4, 7, 9, 5, 0, 7, 2, 2, 1, 1};

    /**
     * Expected values from numpy (/usr/bin/python3, numpy 1.24) on the same logits in float64: log-softmax
     * {@code x − max − log Σ exp(x − max)}, NLL = −logp[label], and ECE the usual way, bins
     * {@code linspace(0, 1, 16)}, confidence in (low, high], {@code Σ |acc − conf| · n_b/N}:
     * mean NLL 3.868713823172787, its sample standard deviation 2.743135159933472, ECE 0.5912478749027055.
     */
    @Test
    void nllAndEceMatchNumpyOnTheSameLogits() {
        SliceLikelihood slice = new SliceLikelihood();
        Logits logits = logits(LOGITS);
        for (int i = 0; i < LABELS.length; i++) slice.add(logits.logSoftmax(i), LABELS[i], logits.predictedClass(i));
        int n = LABELS.length;
        assertTrue(slice.measured());
        assertEquals(3.868713823172787, slice.nllSum() / n, 1e-5);
        double sd = Math.sqrt((slice.nllSumOfSquares() - slice.nllSum() * slice.nllSum() / n) / (n - 1));
        assertEquals(2.743135159933472, sd, 1e-5);
        assertEquals(0.5912478749027055, Calibration.ece(slice.calibration()), 1e-5);
        assertEquals(n, slice.calibration().stream().mapToLong(CalibrationBin::images).sum());
    }

    /**
     * Logits of 1000 and 0: a naive softmax overflows (e^1000), log-sum-exp does not. The right class has NLL
     * ln(1 + 9e^−1000) = 0 in double, a wrong one 1000; both are certain (confidence 1, the last bin).
     */
    @Test
    void hugeLogitsStayFinite() {
        float[] row = new float[10];
        row[3] = 1000;
        SliceLikelihood slice = new SliceLikelihood();
        Logits logits = logits(new float[][] {row, row});
        slice.add(logits.logSoftmax(0), 3, 3);
        slice.add(logits.logSoftmax(1), 4, 3);
        assertTrue(slice.measured());
        assertEquals(1000, slice.nllSum(), 1e-9);
        assertEquals(new CalibrationBin(2, 2, 1), slice.calibration().get(Calibration.BINS - 1));
        assertEquals(0.5, Calibration.ece(slice.calibration()), 1e-12);
    }

    /** Ten equal logits: probability 1/10 for every class, NLL ln 10, confidence .1 in bin 1 ((1/15, 2/15]). */
    @Test
    void equalLogitsAreAUniformGuess() {
        SliceLikelihood slice = new SliceLikelihood();
        Logits logits = logits(new float[][] {new float[10]});
        slice.add(logits.logSoftmax(0), 0, logits.predictedClass(0));
        assertEquals(Math.log(10), slice.nllSum(), 1e-12);
        assertEquals(1, slice.calibration().get(1).images());
        assertEquals(0.1, slice.calibration().get(1).confidenceSum(), 1e-12);
    }

    @Test
    void aNonFiniteLogitLeavesTheSliceUnmeasured() {
        float[] row = new float[10];
        row[2] = Float.NaN;
        SliceLikelihood slice = new SliceLikelihood();
        slice.add(logits(new float[][] {row}).logSoftmax(0), 0, 0);
        assertFalse(slice.measured());
    }

    private static Logits logits(float[][] rows) {
        float[] values = new float[rows.length * 10];
        for (int r = 0; r < rows.length; r++) System.arraycopy(rows[r], 0, values, r * 10, 10);
        return new Logits(values, rows.length, 10);
    }
}
