package dev.robust.common.stats;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Expected values computed independently of this code: with SciPy 1.17 on this machine
 * ({@code scipy.stats.binomtest(k, n).proportion_ci(0.95, method='wilson')}, {@code binomtest(b, b + c, 0.5).pvalue},
 * {@code scipy.stats.t.ppf}, {@code t.cdf}, {@code tstd}), or from the textbook example named at the test.
 */
class StatisticsTest {
    private static final double TIGHT = 1e-9;

    @Test
    void wilsonIntervalMatchesScipy() {
        assertInterval(0.411499555136933, 0.4729443488473914, Wilson.interval(442, 1000));
        assertInterval(0.2552885198782742, 0.36620957698280004, Wilson.interval(81, 263));
        assertInterval(0.017876213095072896, 0.4041500267952385, Wilson.interval(1, 10));
    }

    @Test
    void wilsonIntervalStaysInsideZeroAndOneAtTheEdges() {
        assertInterval(0.0, 0.018845326377266575, Wilson.interval(0, 200));
        assertInterval(0.9811546736227335, 1.0, Wilson.interval(200, 200));
    }

    @Test
    void wilsonRejectsImpossibleCounts() {
        assertThrows(IllegalArgumentException.class, () -> Wilson.interval(3, 0));
        assertThrows(IllegalArgumentException.class, () -> Wilson.interval(11, 10));
    }

    @Test
    void mcNemarExactPValueMatchesScipyBinomtest() {
        assertEquals(1.0, McNemar.exactPValue(0, 0), TIGHT);
        assertEquals(0.03515625, McNemar.exactPValue(12, 3), TIGHT);
        assertEquals(0.03515625, McNemar.exactPValue(3, 12), TIGHT);
        assertEquals(0.20263875106454066, McNemar.exactPValue(30, 20), TIGHT);
        assertEquals(0.03125, McNemar.exactPValue(6, 0), TIGHT);
        assertEquals(0.015625, McNemar.exactPValue(0, 7), TIGHT);
        assertEquals(1.0, McNemar.exactPValue(5, 5), TIGHT);
    }

    @Test
    void mcNemarHandlesCountsWhere2PowMinusNUnderflows() {
        // 2^-2880 is far below the smallest double; SciPy: binomtest(1380, 2880, 0.5).pvalue.
        assertEquals(0.026576281110159666, McNemar.exactPValue(1500, 1380), 1e-9);
    }

    @Test
    void pairedDifferenceReproducesAgrestisPresidentialApprovalExample() {
        // Agresti, Categorical Data Analysis (3rd ed.), §10.1: 1,600 people, 150 approve then disapprove, 86 the
        // reverse; difference 0.040, 95 % interval (0.021, 0.059).
        PairedDifference difference = PairedDifference.of(1600, 150, 86);
        assertEquals(0.04, difference.difference(), TIGHT);
        assertEquals(0.021, difference.interval().low(), 0.0005);
        assertEquals(0.059, difference.interval().high(), 0.0005);
        // By hand: half-width = 1.959964 · √(236 − 64²/1600) / 1600.
        assertEquals(1.959963984540054 * Math.sqrt(236 - 64.0 * 64 / 1600) / 1600,
                difference.interval().halfWidth(), TIGHT);
        assertEquals(Verdict.BETTER, difference.verdict());
    }

    @Test
    void verdictFollowsTheExactTest() {
        assertEquals(Verdict.WORSE, PairedDifference.of(1000, 3, 12).verdict());
        assertEquals(Verdict.NO_SIGNIFICANT_DIFFERENCE, PairedDifference.of(1000, 30, 20).verdict());
        assertEquals(Verdict.NO_SIGNIFICANT_DIFFERENCE, PairedDifference.of(1000, 0, 0).verdict());
        assertEquals("no significant difference at 95 %", Verdict.NO_SIGNIFICANT_DIFFERENCE.words());
    }

    @Test
    void studentTQuantilesMatchScipy() {
        assertEquals(12.706204736174694, StudentT.quantile(0.975, 1), 1e-8);
        assertEquals(4.302652729749462, StudentT.quantile(0.975, 2), 1e-9);
        assertEquals(2.7764451051977934, StudentT.quantile(0.975, 4), 1e-9);
        assertEquals(2.262157162798205, StudentT.quantile(0.975, 9), 1e-9);
        assertEquals(2.0422724563012378, StudentT.quantile(0.975, 30), 1e-9);
        assertEquals(-4.302652729749462, StudentT.quantile(0.025, 2), 1e-9);
    }

    @Test
    void studentTDistributionFunctionMatchesScipy() {
        assertEquals(0.8847080673775886, StudentT.cdf(1.5, 3), 1e-12);
        assertEquals(0.24863707689535378, StudentT.cdf(-0.7, 12), 1e-12);
        assertEquals(0.5, StudentT.cdf(0, 5), 1e-15);
    }

    @Test
    void meanIntervalOverThreeSeedsMatchesScipy() {
        MeanInterval mean = MeanInterval.of(List.of(0.602, 0.615, 0.588));
        assertEquals(0.6016666666666667, mean.mean(), TIGHT);
        assertEquals(0.013503086067019408, mean.standardDeviation(), TIGHT);
        assertInterval(0.5681231413425734, 0.63521019199076, mean.interval());
    }

    @Test
    void oneSeedHasAMeanButNoInterval() {
        MeanInterval mean = MeanInterval.of(List.of(0.5));
        assertEquals(0.5, mean.mean());
        assertNull(mean.interval());
        assertNull(mean.standardDeviation());
    }

    private static void assertInterval(double low, double high, Interval interval) {
        assertEquals(low, interval.low(), TIGHT, "low");
        assertEquals(high, interval.high(), TIGHT, "high");
    }
}
