package dev.robust.cli.report;

import java.util.List;
import java.util.Optional;

/** One model's top-1 on one corruption, per severity scored (ascending). */
public record CorruptionScores(String corruption, List<Slice> severities) {

    public Optional<Slice> at(int severity) {
        return severities.stream().filter(s -> s.severity() == severity).findFirst();
    }
}
