package dev.robust.eval.rest;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.robust.common.InvalidFieldException;

import java.util.Locale;

/** {@code asc} or {@code desc}, as {@code GET /leaderboard?order=} spells it. */
public enum SortOrder {
    ASC, DESC;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The order named {@code order}, or a problem naming the field and what it may be. */
    public static SortOrder parse(String order) {
        for (SortOrder value : values()) {
            if (value.id().equals(order)) return value;
        }
        throw new InvalidFieldException("order", "order must be one of [asc, desc]; got '" + order + "'");
    }
}
