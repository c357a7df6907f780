package dev.robust.common.profile;

/** A validation metric that learning-rate plateaus and early stopping watch. */
public enum Monitor {
    VAL_LOSS("val_loss", true),
    VAL_ACCURACY("val_accuracy", false);

    private final String id;
    private final boolean lowerIsBetter;

    Monitor(String id, boolean lowerIsBetter) {
        this.id = id;
        this.lowerIsBetter = lowerIsBetter;
    }

    /** The name in profiles and metrics, as Keras spells it. */
    public String id() {
        return id;
    }

    public boolean lowerIsBetter() {
        return lowerIsBetter;
    }

    static Monitor fromId(String key, String id) {
        for (Monitor monitor : values()) {
            if (monitor.id.equals(id)) return monitor;
        }
        throw new InvalidProfileException(key, key + " must be val_loss or val_accuracy, got '" + id + "'");
    }
}
