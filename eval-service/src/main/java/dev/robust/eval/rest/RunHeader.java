package dev.robust.eval.rest;

import dev.robust.common.event.CheckpointCreated;
import dev.robust.common.event.EvaluationResult;
import dev.robust.common.event.Provenance;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What a run's report and the dashboard say above the scores: the profile, engines, data (synthetic flagged), seeds,
 * the project versions that wrote its claim checks and who published them. Read from the claim checks of its
 * checkpoints ({@link Provenance}, claim checks v3); engines and data fall back on the results when no claim check
 * is left (older builds, or expired from {@code model.checkpoints}). Lists, since nothing stops two publishers from
 * writing under one run id; each is empty when no claim check says.
 */
public record RunHeader(List<String> profiles, List<String> engines, List<String> data, boolean synthetic,
                        List<Long> seeds, List<String> versions, List<String> publishers) {
    /** The data label of generated images: scores on them say nothing about CIFAR-10. */
    public static final String SYNTHETIC = "synthetic";

    /** The header of the run with these claim checks and results. */
    public static RunHeader of(Collection<CheckpointCreated> claims, Collection<EvaluationResult> results) {
        List<String> engines = distinct(claims, CheckpointCreated::engine);
        if (engines.isEmpty()) engines = distinct(results, EvaluationResult::engine);
        List<String> data = Stream.concat(claims.stream().map(CheckpointCreated::dataset),
                results.stream().map(EvaluationResult::dataset)).filter(Objects::nonNull).distinct().toList();
        return new RunHeader(provenance(claims, Provenance::profile), engines, data, data.contains(SYNTHETIC),
                provenance(claims, Provenance::seed), provenance(claims, Provenance::version),
                provenance(claims, Provenance::publisher));
    }

    private static <T> List<T> provenance(Collection<CheckpointCreated> claims, Function<Provenance, T> field) {
        return distinct(claims.stream().map(CheckpointCreated::provenance).filter(Objects::nonNull).toList(), field);
    }

    private static <S, T> List<T> distinct(Collection<S> items, Function<S, T> field) {
        return items.stream().map(field).filter(Objects::nonNull).distinct().toList();
    }
}
