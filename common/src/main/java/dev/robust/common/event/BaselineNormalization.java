package dev.robust.common.event;

import dev.robust.common.event.NormalizedCorruptionError.IncomparableBaselineException;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Several checkpoints' corruption errors normalized to one baseline (a report's {@code ?baseline=} or
 * {@code --baseline}): each checkpoint's {@link NormalizedCorruptionError}, or, where a checkpoint lacks the slices or
 * images the baseline was scored on, why it has none ({@code unavailable}).
 */
public record BaselineNormalization(String baselineCheckpointId, String baselineName,
                                    Map<String, NormalizedCorruptionError> checkpoints,
                                    Map<String, String> unavailable) {

    /** Normalizes every summary to the baseline's; one that cannot be compared is listed with the reason. */
    public static BaselineNormalization of(Collection<EvaluationSummary> summaries, EvaluationSummary baseline) {
        Map<String, NormalizedCorruptionError> normalized = new LinkedHashMap<>();
        Map<String, String> unavailable = new LinkedHashMap<>();
        for (EvaluationSummary summary : summaries) {
            try {
                normalized.put(summary.checkpointId(), NormalizedCorruptionError.of(summary, baseline));
            } catch (IncomparableBaselineException e) {
                unavailable.put(summary.checkpointId(), e.getMessage());
            }
        }
        return new BaselineNormalization(baseline.checkpointId(), baseline.displayName(), normalized, unavailable);
    }

    /** No summary of the baseline at hand: every checkpoint unavailable, for {@code reason}. */
    public static BaselineNormalization unavailable(String baselineCheckpointId,
                                                    Collection<EvaluationSummary> summaries, String reason) {
        Map<String, String> unavailable = new LinkedHashMap<>();
        summaries.forEach(summary -> unavailable.put(summary.checkpointId(), reason));
        return new BaselineNormalization(baselineCheckpointId, null, Map.of(), unavailable);
    }
}
