package dev.robust.engine;

import java.util.Optional;
import java.util.Set;

/**
 * How a model computes: its {@link Precision} and the engine's speed levers (named by {@link Engine#levers()}, e.g.
 * {@code channels-last}). Levers change speed, never results beyond rounding. Absent levers mean the engine's own
 * choice for the architecture, which is what the product runs; an explicit set is for measuring each lever alone.
 */
public record Compute(Precision precision, Optional<Set<String>> levers) {

    /** FP32 with none of the engine's levers: the baseline every lever is measured against. */
    public static final Compute BASELINE = new Compute(Precision.FP32, Optional.of(Set.of()));

    public Compute {
        if (precision == null) throw new IllegalArgumentException("precision must be named");
        levers = levers.map(Set::copyOf);
    }

    /** {@code precision} with the levers the engine chose for the architecture. */
    public static Compute of(Precision precision) {
        return new Compute(precision, Optional.empty());
    }

    /** {@code precision} with exactly {@code levers}. */
    public static Compute exactly(Precision precision, Set<String> levers) {
        return new Compute(precision, Optional.of(levers));
    }
}
