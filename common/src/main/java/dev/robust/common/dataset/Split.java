package dev.robust.common.dataset;

import java.util.Locale;

/** The splits a data set ships with. The validation split is carved from {@code TRAIN} by the pipeline. */
public enum Split {
    TRAIN,
    TEST;

    /** The lower-case name used in folder names, specs and JSON. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
