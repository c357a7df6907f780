package dev.robust.common.stats;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CalibrationTest {

    @Test
    void binsAreFifteenEqualWidthsClosedAbove() {
        assertEquals(0, Calibration.bin(0));
        assertEquals(0, Calibration.bin(0.05));
        assertEquals(7, Calibration.bin(0.5));
        assertEquals(13, Calibration.bin(0.9));
        assertEquals(14, Calibration.bin(0.95));
        assertEquals(14, Calibration.bin(1));
        assertThrows(IllegalArgumentException.class, () -> Calibration.bin(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Calibration.bin(1.01));
    }

    /**
     * Worked by hand. Five images: three at confidence .95 (bin 14), two of them right; one at .5 (bin 7), right;
     * one at .25 (bin 3), wrong. ECE = Σ_b |acc_b − conf_b|·n_b/N
     * = (|2/3 − .95|·3 + |1 − .5|·1 + |0 − .25|·1) / 5 = (.85 + .5 + .25) / 5 = 0.32.
     */
    @Test
    void eceIsTheImageWeightedGapBetweenAccuracyAndConfidence() {
        List<CalibrationBin> bins = new ArrayList<>(Calibration.empty());
        bins.set(14, new CalibrationBin(3, 3 * 0.95, 2));
        bins.set(7, new CalibrationBin(1, 0.5, 1));
        bins.set(3, new CalibrationBin(1, 0.25, 0));
        assertEquals(0.32, Calibration.ece(bins), 1e-12);
    }

    /**
     * Pooling adds bins before taking the gap, so over-confidence in one histogram and under-confidence in another
     * at the same bin cancel: bin 10 holds 4 images at confidence .7, 4 right (gap 1.2) and 4 at .7, 1 right (gap
     * 1.8); alone their ECEs are .3 and .45, pooled |5 − 5.6| / 8 = 0.075.
     */
    @Test
    void pooledHistogramsAddBinByBin() {
        List<CalibrationBin> sure = new ArrayList<>(Calibration.empty());
        sure.set(10, new CalibrationBin(4, 2.8, 4));
        List<CalibrationBin> unsure = new ArrayList<>(Calibration.empty());
        unsure.set(10, new CalibrationBin(4, 2.8, 1));
        assertEquals(0.3, Calibration.ece(sure), 1e-12);
        assertEquals(0.45, Calibration.ece(unsure), 1e-12);
        assertEquals(0.075, Calibration.ece(Calibration.pool(List.of(sure, unsure))), 1e-12);
    }

    @Test
    void anEmptyHistogramHasNoEce() {
        assertNull(Calibration.ece(Calibration.empty()));
    }

    @Test
    void rejectsAHistogramOfAnotherBinCount() {
        assertThrows(IllegalArgumentException.class, () -> Calibration.ece(Calibration.empty().subList(0, 10)));
        assertThrows(IllegalArgumentException.class, () -> new CalibrationBin(2, 0.5, 3));
    }

    @Test
    void theMeanFromRunningSumsMatchesTheMeanOfTheValues() {
        List<Double> values = List.of(0.1, 2.5, 0.02, 7.0, 1.3);
        double sum = values.stream().mapToDouble(Double::doubleValue).sum();
        double squares = values.stream().mapToDouble(v -> v * v).sum();
        MeanInterval direct = MeanInterval.of(values);
        MeanInterval fromSums = MeanInterval.ofSums(values.size(), sum, squares);
        assertEquals(direct.mean(), fromSums.mean(), 1e-12);
        assertEquals(direct.interval().low(), fromSums.interval().low(), 1e-12);
        assertEquals(direct.interval().high(), fromSums.interval().high(), 1e-12);
    }

    /** At a benchmark's 750,000 images the t quantile is the normal one, 1.95996 (to five places). */
    @Test
    void theIntervalOfAVeryLargeSampleUsesTheNormalQuantile() {
        long n = 750_000;
        MeanInterval mean = MeanInterval.ofSums(n, n * 0.5, n * (0.25 + 0.04));
        assertEquals(0.5, mean.mean(), 1e-12);
        assertEquals(1.95996 * 0.2 / Math.sqrt(n), mean.interval().halfWidth(), 1e-8);
    }
}
