package dev.robust.common.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which of the two networks a training phase, checkpoint or evaluation belongs to. */
public enum ModelRole {
    @JsonProperty("teacher") TEACHER,
    @JsonProperty("student") STUDENT;

    /** The lower-case name used in JSON and record keys. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
