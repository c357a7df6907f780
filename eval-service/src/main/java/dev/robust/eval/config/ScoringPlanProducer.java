package dev.robust.eval.config;

import dev.robust.eval.scoring.ScoringPlan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.OptionalInt;

/**
 * The one scoring plan of this service, built from {@code eval.*}: the sweep scores by it, and the reports judge a
 * checkpoint complete against the same scope (not against all 19 × 5 slices a profile may never score).
 */
@ApplicationScoped
public class ScoringPlanProducer {
    @Produces
    @Singleton
    ScoringPlan scoringPlan(EvalConfig config) {
        OptionalInt epochClean = config.epoch().cleanImages();
        OptionalInt epochPerSeverity = config.epoch().imagesPerSeverity();
        return new ScoringPlan(ScoringPlan.corruptions(config.corruptions()), config.severities(),
                config.cleanImages(), config.imagesPerSeverity(),
                epochClean.isPresent() ? epochClean : config.cleanImages(),
                epochPerSeverity.isPresent() ? epochPerSeverity : config.imagesPerSeverity(), config.batchSize());
    }
}
