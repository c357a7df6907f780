package dev.robust.service.messaging;

import java.util.List;

/**
 * The topics a service reads its data from and needs kept for as long as it may read them, as a CDI bean it
 * produces; {@link RetentionCheck} checks their retention at start-up.
 *
 * @param names topic names
 */
public record KeptTopics(List<String> names) {
    public KeptTopics {
        names = List.copyOf(names);
    }
}
