package dev.robust.common.event;

import dev.robust.common.ProjectVersion;

/**
 * Where a checkpoint came from, as its claim check says (v3 of the event): who published it, the version of this
 * project that wrote the claim check and, for a model trained here, the run's profile and seed.
 *
 * @param publisher who announced it: {@link #TRAINER} for a run's checkpoints, {@link #SUBMIT} for
 *                  {@code robust submit}, or what a {@code POST /models} caller declared (default
 *                  {@link #UNDECLARED}); declared, not verified
 * @param profile   the run profile's name ({@code quick}, {@code ci}, ...); null for a model trained elsewhere
 * @param seed      the run's seed; null for a model trained elsewhere
 * @param version   the project version that wrote the claim check, e.g. {@code 0.1.0-SNAPSHOT}
 */
public record Provenance(String publisher, String profile, Long seed, String version) {
    /** The trainer, for every checkpoint of a run. */
    public static final String TRAINER = "trainer-service";
    /** The CLI's {@code robust submit}. */
    public static final String SUBMIT = "robust submit";
    /** A {@code POST /models} caller that named no publisher. */
    public static final String UNDECLARED = "POST /models";

    /** A checkpoint the trainer wrote for a run of {@code profile} with {@code seed}, by this build. */
    public static Provenance trainer(String profile, long seed) {
        return new Provenance(TRAINER, profile, seed, ProjectVersion.current());
    }

    /** A model trained elsewhere, announced by {@code publisher} through this build. */
    public static Provenance imported(String publisher) {
        return new Provenance(publisher, null, null, ProjectVersion.current());
    }
}
