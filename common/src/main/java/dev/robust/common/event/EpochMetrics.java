package dev.robust.common.event;

import java.util.Map;

/**
 * What one training epoch measured. Validation figures are null when the epoch ran without validation;
 * {@code extra} holds metrics specific to a phase or engine (e.g. the distillation term, SWA figures).
 */
public record EpochMetrics(double loss, double accuracy, Double valLoss, Double valAccuracy, double lr,
                           double imagesPerSecond, Map<String, Double> extra) {
    public EpochMetrics {
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }
}
