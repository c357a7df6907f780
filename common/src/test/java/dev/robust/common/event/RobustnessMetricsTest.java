package dev.robust.common.event;

import dev.robust.common.InvalidFieldException;
import dev.robust.common.corruption.Corruption;
import dev.robust.common.stats.Calibration;
import dev.robust.common.stats.CalibrationBin;
import dev.robust.common.stats.Wilson;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntBinaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RobustnessMetricsTest {
    private static final int IMAGES = 1_000;

    /**
     * Worked by hand. Top-1 at corruption c (its benchmark position 0…14) and severity s is .9 − .1s − .005c, clean
     * .93, so the error is E = .1 + .1s + .005c and E_clean = .07.
     * Common-corruptions accuracy = mean of .9 − .1s − .005c = .9 − .1·3 − .005·7 = .565.
     * mCE = mean_c mean_s E = .1 + .3 + .035 = .435 (= 1 − .565). Relative mCE = .435 − .07 = .365.
     * Corruption error of c = 0: mean_s (.1 + .1s) = .4; relative .4 − .07 = .33.
     */
    @Test
    void benchmarkFiguresFollowHendrycksAndDietterich() {
        EvaluationSummary summary = summary("m", 930, (c, s) -> 900 - 100 * s - 5 * c);
        RobustnessMetrics metrics = summary.metrics();
        assertEquals(75, metrics.benchmarkSlices());
        assertEquals(0.565, metrics.commonCorruptionsAccuracy(), 1e-12);
        assertEquals(0.435, metrics.mce(), 1e-12);
        assertEquals(0.365, metrics.relativeMce(), 1e-12);
        assertEquals(0.4, metrics.perCorruption().get("gaussian_noise").corruptionError(), 1e-12);
        assertEquals(0.33, metrics.perCorruption().get("gaussian_noise").relativeCorruptionError(), 1e-12);
        // Every slice holds the same number of images, so the pooled interval is around the mean itself.
        long correct = 0;
        for (int c = 0; c < 15; c++) for (int s = 1; s <= 5; s++) correct += 900 - 100 * s - 5L * c;
        assertEquals(Wilson.interval(correct, 75L * IMAGES), metrics.commonCorruptionsAccuracyInterval());
        assertEquals(1 - metrics.commonCorruptionsAccuracyInterval().high(), metrics.mceInterval().low(), 1e-12);
    }

    /**
     * The four held-out corruptions are outside the benchmark: a model perfect on them and dreadful on the 15 has
     * the 15's figures only.
     */
    @Test
    void theFourExtraCorruptionsDoNotCount() {
        EvaluationSummary summary = summary("m", 930, (c, s) -> c < 15 ? 500 : 1_000);
        assertEquals(0.5, summary.metrics().commonCorruptionsAccuracy(), 1e-12);
        assertEquals(0.0, summary.metrics().perCorruption().get("saturate").corruptionError(), 1e-12);
        assertEquals(15, Corruption.benchmark().size());
        assertTrue(Corruption.benchmark().stream().noneMatch(c -> List.of(Corruption.SPECKLE_NOISE,
                Corruption.GAUSSIAN_BLUR, Corruption.SPATTER, Corruption.SATURATE).contains(c)));
    }

    /**
     * Numbers from numpy (/usr/bin/python3, numpy 1.24), computed once from the same closed forms: correct images
     * of 1,000 at benchmark corruption c and severity s, model 900 − 60s − (37c + 11s) mod 50, baseline
     * 800 − 70s − (13c + 7s) mod 40; clean 930 and 850. E = 1 − correct/1000;
     * {@code acc = model.mean(); mce = E.mean(1).mean(); rel = (E − .07).mean(1).mean();
     * nmce = (E.sum(1)/Eb.sum(1)).mean(); nrel = ((E − .07).sum(1)/(Eb − .15).sum(1)).mean()}.
     */
    @Test
    void normalizedToABaselineAsNumpyComputesIt() {
        EvaluationSummary model = summary("m", 930, (c, s) -> 900 - 60 * s - ((c * 37 + s * 11) % 50));
        EvaluationSummary baseline = summary("b", 850, (c, s) -> 800 - 70 * s - ((c * 13 + s * 7) % 40));
        assertEquals(0.6960000000000001, model.metrics().commonCorruptionsAccuracy(), 1e-12);
        assertEquals(0.304, model.metrics().mce(), 1e-12);
        assertEquals(0.23400000000000004, model.metrics().relativeMce(), 1e-12);

        NormalizedCorruptionError normalized = NormalizedCorruptionError.of(model, baseline);
        assertEquals(0.7074514290207378, normalized.mce(), 1e-12);
        assertEquals(0.8366055186076372, normalized.relativeMce(), 1e-12);
        assertEquals("b", normalized.baselineCheckpointId());
        assertEquals(List.of(), normalized.undefined());
    }

    /**
     * Worked by hand: baseline top-1 .8 − .1s (E^base = .2 + .1s, Σ_s = 2.5), clean .85 (Σ_s degradation
     * 2.5 − 5·.15 = 1.75); the model of the first test has Σ_s E = 2 + .025c and Σ_s degradation 1.65 + .025c.
     * CE_c = (2 + .025c)/2.5 = .8 + .01c → mCE = .87; relative mCE = mean (1.65 + .025c)/1.75 = 1.825/1.75.
     */
    @Test
    void normalizedMceWorkedByHand() {
        EvaluationSummary model = summary("m", 930, (c, s) -> 900 - 100 * s - 5 * c);
        EvaluationSummary baseline = summary("b", 850, (c, s) -> 800 - 100 * s);
        NormalizedCorruptionError normalized = NormalizedCorruptionError.of(model, baseline);
        assertEquals(0.87, normalized.mce(), 1e-12);
        assertEquals(1.825 / 1.75, normalized.relativeMce(), 1e-12);
        assertEquals(0.8, normalized.perCorruption().get("gaussian_noise").corruptionError(), 1e-12);
    }

    /** A baseline no worse under a corruption than clean leaves that relative CE, and the mean, undefined. */
    @Test
    void aBaselineThatDoesNotDegradeLeavesRelativeMceUndefined() {
        EvaluationSummary model = summary("m", 930, (c, s) -> 800);
        EvaluationSummary baseline = summary("b", 850, (c, s) -> c == 3 ? 850 : 700);
        NormalizedCorruptionError normalized = NormalizedCorruptionError.of(model, baseline);
        assertNull(normalized.relativeMce());
        assertNull(normalized.perCorruption().get("defocus_blur").relativeCorruptionError());
        assertEquals(List.of("defocus_blur"), normalized.undefined());
        // CE_c = .2/.3 for 14 corruptions and .2/.15 for defocus blur: (14·2/3 + 4/3)/15 = 32/45.
        assertEquals(32.0 / 45, normalized.mce(), 1e-12);
    }

    @Test
    void aBaselineOfAnotherScopeIsRefusedSayingWhy() {
        EvaluationSummary model = summary("m", 930, (c, s) -> 800);
        List<EvaluationResult> fewer = new ArrayList<>(results("b", 850, (c, s) -> 700));
        fewer.removeIf(result -> result.corruption().equals("fog") && result.severity() == 3);
        InvalidFieldException missing = assertThrows(InvalidFieldException.class,
                () -> NormalizedCorruptionError.of(model, EvaluationSummary.of(fewer)));
        assertEquals("baseline", missing.field());
        assertTrue(missing.getMessage().contains("74 of the 75"), missing.getMessage());

        List<EvaluationResult> capped = results("b", 850, (c, s) -> 700).stream()
                .map(r -> r.isClean() ? r : withTotal(r, 500)).toList();
        InvalidFieldException otherCaps = assertThrows(InvalidFieldException.class,
                () -> NormalizedCorruptionError.of(model, EvaluationSummary.of(capped)));
        assertTrue(otherCaps.getMessage().contains("same images"), otherCaps.getMessage());
    }

    @Test
    void withoutAllSeventyFiveSlicesTheBenchmarkFiguresAreAbsent() {
        List<EvaluationResult> results = new ArrayList<>(results("m", 930, (c, s) -> 800));
        results.removeIf(result -> result.severity() == 1);
        RobustnessMetrics metrics = EvaluationSummary.of(results).metrics();
        assertEquals(60, metrics.benchmarkSlices());
        assertNull(metrics.commonCorruptionsAccuracy());
        assertNull(metrics.mce());
        assertNull(metrics.relativeMce());
        assertNull(metrics.perCorruption().get("fog").corruptionError());
        assertEquals(4L * IMAGES, metrics.perCorruption().get("fog").images());
    }

    /**
     * Worked by hand (each step beside its assertion): ECE and NLL pool the sums of the slices that carry them;
     * a result without likelihoods (v1) counts for top-1 and images only.
     */
    @Test
    void calibrationAndLikelihoodPoolTheSlicesThatCarryThem() {
        List<CalibrationBin> a = new ArrayList<>(Calibration.empty());
        a.set(13, new CalibrationBin(2, 1.8, 1));        // two images at .9, one right: gap .8
        List<CalibrationBin> b = new ArrayList<>(Calibration.empty());
        b.set(13, new CalibrationBin(2, 1.8, 2));        // two at .9, both right: gap .2
        b.set(4, new CalibrationBin(1, 0.3, 0));         // one at .3, wrong: gap .3
        List<EvaluationResult> results = new ArrayList<>();
        results.add(likely(EvaluationResult.CLEAN, 0, 2, 1, 1.0, 0.58, a));
        results.add(likely("fog", 1, 3, 2, 2.1, 2.0, b));
        results.add(likely("fog", 2, 2, 1, 1.0, 0.58, a));
        results.add(new EvaluationResult("m", "r", ModelRole.TEACHER, 1, "torch", "cifar10", "fog", 3, 1, 2, 0.5,
                EvaluationResult.Status.OK, null, ModelKind.EPOCH));
        RobustnessMetrics metrics = EvaluationSummary.of(results).metrics();
        // Clean: ECE .8/2 = .4; NLL mean .5, sd √((.58 − 1·.5)/1) = √.08.
        assertEquals(0.4, metrics.clean().ece(), 1e-12);
        assertEquals(0.5, metrics.clean().nll(), 1e-12);
        assertEquals(12.706204736 * Math.sqrt(0.08) / Math.sqrt(2), metrics.clean().nllInterval().halfWidth(), 1e-6);
        // Fog pools severities 1 and 2 (severity 3 has no histogram): bin 13 holds 4 images, 3 right, confidence
        // 3.6 (gap .6), bin 4 one image (gap .3): ECE .9/5 = .18; NLL (2.1 + 1.0)/5 = .62; images 3 + 2 + 2.
        RobustnessMetrics.SliceMetrics fog = metrics.perCorruption().get("fog");
        assertEquals(0.18, fog.ece(), 1e-12);
        assertEquals(0.62, fog.nll(), 1e-12);
        assertEquals(7, fog.images());
        assertEquals(0.18, metrics.corrupted().ece(), 1e-12);
    }

    @Test
    void resultsWithoutLikelihoodsHaveNoCalibrationFigures() {
        RobustnessMetrics metrics = summary("m", 930, (c, s) -> 800).metrics();
        assertNull(metrics.clean().ece());
        assertNull(metrics.clean().nll());
        assertEquals(IMAGES, metrics.clean().images());
    }

    private static EvaluationResult likely(String corruption, int severity, long total, long correct, double nllSum,
                                           double nllSquares, List<CalibrationBin> bins) {
        return new EvaluationResult("m", "r", ModelRole.TEACHER, 1, "torch", "cifar10", corruption, severity, correct,
                total, (double) correct / total, EvaluationResult.Status.OK, null, ModelKind.EPOCH, nllSum,
                nllSquares, bins);
    }

    private static EvaluationResult withTotal(EvaluationResult r, long total) {
        return new EvaluationResult(r.checkpointId(), r.runId(), r.role(), r.epoch(), r.engine(), r.dataset(),
                r.corruption(), r.severity(), r.correct() / 2, total, (double) (r.correct() / 2) / total,
                r.status(), null, r.kind());
    }

    private static EvaluationSummary summary(String checkpoint, int clean, IntBinaryOperator correct) {
        return EvaluationSummary.of(results(checkpoint, clean, correct));
    }

    /** Clean and all 19 corruptions × 5 severities, 1,000 images each; {@code correct(c, s)}, c the position. */
    private static List<EvaluationResult> results(String checkpoint, int clean, IntBinaryOperator correct) {
        List<EvaluationResult> results = new ArrayList<>();
        results.add(result(checkpoint, EvaluationResult.CLEAN, 0, clean));
        for (Corruption corruption : Corruption.values()) {
            for (int s = 1; s <= 5; s++) {
                results.add(result(checkpoint, corruption.id(), s, correct.applyAsInt(corruption.ordinal(), s)));
            }
        }
        return results;
    }

    private static EvaluationResult result(String checkpoint, String corruption, int severity, int correct) {
        return new EvaluationResult(checkpoint, "r", ModelRole.TEACHER, 1, "torch", "cifar10", corruption, severity,
                correct, IMAGES, (double) correct / IMAGES, EvaluationResult.Status.OK, null, ModelKind.EPOCH);
    }
}
