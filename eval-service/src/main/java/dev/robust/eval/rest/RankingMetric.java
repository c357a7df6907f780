package dev.robust.eval.rest;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.robust.common.InvalidFieldException;
import dev.robust.common.event.EvaluationSummary;
import dev.robust.common.event.RobustnessMetrics;
import dev.robust.common.event.RobustnessMetrics.SliceMetrics;
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
    CLEAN_TOP1("clean_top1", "clean top-1", Better.HIGHER, Unit.FRACTION, EvaluationSummary::cleanTop1,
            EvaluationSummary::cleanTop1Interval),
    C_SEV5("c_sev5", "C-sev5", Better.HIGHER, Unit.FRACTION, EvaluationSummary::cSev5,
            EvaluationSummary::cSev5Interval),
    C_ALL("c_all", "C-all", Better.HIGHER, Unit.FRACTION, EvaluationSummary::cAll, EvaluationSummary::cAllInterval),
    /** RobustBench's: mean top-1 over the 15 benchmark corruptions × 5 severities; absent unless all 75 are scored. */
    COMMON_CORRUPTIONS("common_corruptions_accuracy", "common-corruptions accuracy", Better.HIGHER, Unit.FRACTION,
            metric(RobustnessMetrics::commonCorruptionsAccuracy),
            metric(RobustnessMetrics::commonCorruptionsAccuracyInterval)),
    /** Hendrycks &amp; Dietterich's mCE, CIFAR form (unnormalized); absent unless all 75 benchmark slices are. */
    MCE("mce", "mCE", Better.LOWER, Unit.FRACTION, metric(RobustnessMetrics::mce),
            metric(RobustnessMetrics::mceInterval)),
    /** 15-bin expected calibration error on clean images; no interval (it would need a bootstrap over images). */
    CLEAN_ECE("clean_ece", "clean ECE", Better.LOWER, Unit.FRACTION, clean(SliceMetrics::ece), null),
    /** Mean negative log-likelihood of the true label on clean images, in nats. */
    CLEAN_NLL("clean_nll", "clean NLL", Better.LOWER, Unit.NATS, clean(SliceMetrics::nll),
            clean(SliceMetrics::nllInterval));

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

    /** How a value reads: a fraction shown as a percentage, or nats shown as a number. */
    public enum Unit {
        FRACTION, NATS;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where {@link #C_SEV5} ranks by default: robustness at the hardest severity, as robustness leaderboards do. */
    public static final RankingMetric DEFAULT = C_SEV5;

    private final String id;
    private final String label;
    private final Better better;
    private final Unit unit;
    private final Function<EvaluationSummary, Double> value;
    private final Function<EvaluationSummary, Interval> interval;

    RankingMetric(String id, String label, Better better, Unit unit, Function<EvaluationSummary, Double> value,
                  Function<EvaluationSummary, Interval> interval) {
        this.id = id;
        this.label = label;
        this.better = better;
        this.unit = unit;
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

    public Unit unit() {
        return unit;
    }

    /**
     * The checkpoint's score, or null when it has none (nothing scored at severity 5, not all 75 benchmark slices,
     * results without likelihoods, a failed checkpoint).
     */
    public Double valueOf(EvaluationSummary summary) {
        return value.apply(summary);
    }

    /** Its 95 % interval, or null when there is none. */
    public Interval intervalOf(EvaluationSummary summary) {
        return interval == null ? null : interval.apply(summary);
    }

    /** Whether the metric comes with a 95 % interval at all (ECE does not). */
    public boolean hasInterval() {
        return interval != null;
    }

    /** The metric named {@code sort}, or a problem naming the field and every allowed value. */
    public static RankingMetric parse(String sort) {
        for (RankingMetric metric : values()) {
            if (metric.id.equals(sort)) return metric;
        }
        throw new InvalidFieldException("sort", "sort must be one of " + Arrays.stream(values())
                .map(RankingMetric::id).collect(Collectors.joining(", ", "[", "]")) + "; got '" + sort + "'");
    }

    /** A figure of the summary's robustness metrics; null where the summary has none (v1/v2, failed). */
    private static <T> Function<EvaluationSummary, T> metric(Function<RobustnessMetrics, T> figure) {
        return summary -> summary.metrics() == null ? null : figure.apply(summary.metrics());
    }

    /** A figure of the clean slice's metrics; null where it was not scored. */
    private static <T> Function<EvaluationSummary, T> clean(Function<SliceMetrics, T> figure) {
        return summary -> summary.metrics() == null || summary.metrics().clean() == null ? null
                : figure.apply(summary.metrics().clean());
    }
}
