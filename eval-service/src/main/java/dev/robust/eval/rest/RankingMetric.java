package dev.robust.eval.rest;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.robust.common.InvalidFieldException;
import dev.robust.common.event.EvaluationSummary;
import dev.robust.common.stats.Interval;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The scores the leaderboard ranks by, each a named extractor from a checkpoint's summary. Adding a metric is one
 * constant here: {@code GET /leaderboard} then accepts it as {@code sort}, every row carries it, and the page draws
 * its column from the list this enum answers with.
 */
public enum RankingMetric {
    CLEAN_TOP1("clean_top1", "clean top-1", Better.HIGHER, EvaluationSummary::cleanTop1,
            EvaluationSummary::cleanTop1Interval),
    C_SEV5("c_sev5", "C-sev5", Better.HIGHER, EvaluationSummary::cSev5, EvaluationSummary::cSev5Interval),
    C_ALL("c_all", "C-all", Better.HIGHER, EvaluationSummary::cAll, EvaluationSummary::cAllInterval);

    /** Which way is better, so that a ranking's default order puts the best model first. */
    public enum Better {
        HIGHER, LOWER;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The order ({@code asc}, {@code desc}) that lists the best first. */
        public SortOrder bestFirst() {
            return this == HIGHER ? SortOrder.DESC : SortOrder.ASC;
        }
    }

    /** Where {@link #C_SEV5} ranks by default: robustness at the hardest severity, as robustness leaderboards do. */
    public static final RankingMetric DEFAULT = C_SEV5;

    private final String id;
    private final String label;
    private final Better better;
    private final Function<EvaluationSummary, Double> value;
    private final Function<EvaluationSummary, Interval> interval;

    RankingMetric(String id, String label, Better better, Function<EvaluationSummary, Double> value,
                  Function<EvaluationSummary, Interval> interval) {
        this.id = id;
        this.label = label;
        this.better = better;
        this.value = value;
        this.interval = interval;
    }

    /** The name in {@code ?sort=} and in each row's {@code scores}, e.g. {@code c_sev5}. */
    public String id() {
        return id;
    }

    /** The column's heading, e.g. {@code C-sev5}. */
    public String label() {
        return label;
    }

    public Better better() {
        return better;
    }

    /** The checkpoint's score, or null when it has none (nothing scored at severity 5, a failed checkpoint). */
    public Double valueOf(EvaluationSummary summary) {
        return value.apply(summary);
    }

    /** Its 95 % interval, or null when there is none. */
    public Interval intervalOf(EvaluationSummary summary) {
        return interval.apply(summary);
    }

    /** The metric named {@code sort}, or a problem naming the field and every allowed value. */
    public static RankingMetric parse(String sort) {
        for (RankingMetric metric : values()) {
            if (metric.id.equals(sort)) return metric;
        }
        throw new InvalidFieldException("sort", "sort must be one of " + Arrays.stream(values())
                .map(RankingMetric::id).collect(Collectors.joining(", ", "[", "]")) + "; got '" + sort + "'");
    }
}
