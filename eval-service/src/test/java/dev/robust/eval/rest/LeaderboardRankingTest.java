package dev.robust.eval.rest;

import dev.robust.common.corruption.Corruption;
import dev.robust.common.event.EvaluationResult;
import dev.robust.common.event.ModelRole;
import dev.robust.eval.fixtures.Evaluations;
import dev.robust.eval.scoring.ScoringPlan;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.IntBinaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Ranking by the benchmark metrics, which need clean and all 75 benchmark slices, on results made up so that the
 * figures can be worked by hand (1,000 images a slice; E = 1 − top-1, c the corruption's released position 0–14):
 * <ul>
 * <li>{@code lb-teacher-0}: 800 − 100s right at severity s: E = .2 + .1s, mean over s .5, so mCE .5 and
 * common-corruptions accuracy .5;</li>
 * <li>{@code lb-teacher-1}: 900 − 100s − 5c right: E = .1 + .1s + .005c, mean over s .4 + .005c, over c (mean 7)
 * .435, so mCE .435 and accuracy .565;</li>
 * <li>{@code lb-teacher-2}: the best clean top-1 but one benchmark slice short: no mCE, last in either order.</li>
 * </ul>
 */
class LeaderboardRankingTest {
    private static final ScoringPlan PLAN = new ScoringPlan(Corruption.benchmark(), List.of(1, 2, 3, 4, 5),
            OptionalInt.empty(), OptionalInt.empty(), 32);

    private final List<EvaluationResult> results = new ArrayList<>();

    LeaderboardRankingTest() {
        results.addAll(benchmark(0, 900, (c, s) -> 800 - 100 * s));
        results.addAll(benchmark(1, 930, (c, s) -> 900 - 100 * s - 5 * c));
        List<EvaluationResult> oneShort = benchmark(2, 990, (c, s) -> 950);
        oneShort.remove(oneShort.size() - 1);
        results.addAll(oneShort);
    }

    @Test
    void mceRanksLowestFirstByDefaultAndAModelWithoutItLastEitherWay() {
        RankingMetric mce = RankingMetric.parse("mce");
        assertEquals(SortOrder.ASC, mce.better().bestFirst(), "lower mCE is better");
        Leaderboard best = Leaderboard.rank(results, List.of(), PLAN, mce, mce.better().bestFirst());
        assertEquals(List.of("lb-teacher-1", "lb-teacher-0", "lb-teacher-2"), ids(best));
        assertEquals(0.435, best.rows().get(0).scores().get("mce"), 1e-12);
        assertEquals(0.5, best.rows().get(1).scores().get("mce"), 1e-12);
        assertFalse(best.rows().get(2).scores().containsKey("mce"), "74 of 75 slices: no mCE");
        // mCE's interval is the common-corruptions accuracy's mirrored: 1 − its bounds.
        assertEquals(1 - best.rows().get(0).intervals().get("common_corruptions_accuracy").high(),
                best.rows().get(0).intervals().get("mce").low(), 1e-12);

        Leaderboard worst = Leaderboard.rank(results, List.of(), PLAN, mce, SortOrder.DESC);
        assertEquals(List.of("lb-teacher-0", "lb-teacher-1", "lb-teacher-2"), ids(worst));
    }

    @Test
    void commonCorruptionsAccuracyRanksHighestFirstByDefault() {
        RankingMetric accuracy = RankingMetric.parse("common_corruptions_accuracy");
        Leaderboard board = Leaderboard.rank(results, List.of(), PLAN, accuracy, accuracy.better().bestFirst());
        assertEquals(SortOrder.DESC, board.order());
        assertEquals(List.of("lb-teacher-1", "lb-teacher-0", "lb-teacher-2"), ids(board));
        assertEquals(0.565, board.rows().get(0).scores().get("common_corruptions_accuracy"), 1e-12);
        // By clean top-1 the one without the benchmark figures leads: the metrics rank differently.
        Leaderboard clean = Leaderboard.rank(results, List.of(), PLAN, RankingMetric.CLEAN_TOP1, SortOrder.DESC);
        assertEquals(List.of("lb-teacher-2", "lb-teacher-1", "lb-teacher-0"), ids(clean));
    }

    /** Clean and the 15 benchmark corruptions × 5 severities of checkpoint {@code lb-teacher-<epoch>}. */
    private static List<EvaluationResult> benchmark(int epoch, int clean, IntBinaryOperator correct) {
        List<EvaluationResult> slices = new ArrayList<>();
        slices.add(Evaluations.ok("lb", ModelRole.TEACHER, epoch, EvaluationResult.CLEAN, 0, clean, 1_000));
        for (Corruption corruption : Corruption.benchmark()) {
            for (int s = 1; s <= 5; s++) {
                slices.add(Evaluations.ok("lb", ModelRole.TEACHER, epoch, corruption.id(), s,
                        correct.applyAsInt(corruption.ordinal(), s), 1_000));
            }
        }
        return slices;
    }

    private static List<String> ids(Leaderboard board) {
        return board.rows().stream().map(Leaderboard.Row::checkpointId).toList();
    }
}
