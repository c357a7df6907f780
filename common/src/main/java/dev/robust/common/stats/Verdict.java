package dev.robust.common.stats;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a paired test says about "first vs second" at the 95 % level, in the words reports print. */
public enum Verdict {
    @JsonProperty("better") BETTER("better"),
    @JsonProperty("worse") WORSE("worse"),
    @JsonProperty("no_significant_difference") NO_SIGNIFICANT_DIFFERENCE("no significant difference at 95 %");

    /** The level the verdict is drawn at: a p-value below it is significant. */
    public static final double ALPHA = 0.05;

    private final String words;

    Verdict(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    /** Better or worse by the sign of {@code difference} when {@code pValue < 0.05}; otherwise no difference. */
    public static Verdict of(double difference, double pValue) {
        if (pValue >= ALPHA || difference == 0) return NO_SIGNIFICANT_DIFFERENCE;
        return difference > 0 ? BETTER : WORSE;
    }
}
