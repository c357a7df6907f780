package dev.robust.common.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.robust.common.image.Preprocessing;

import java.util.Locale;

/**
 * What a model from outside this project's engines takes (an ONNX model): its input layout and the preprocessing
 * its publisher declared ({@link Preprocessing}'s text). Engine checkpoints carry none: their models scale raw
 * NHWC pixels themselves.
 */
public record ModelInput(Layout layout, String preprocessing) {
    /** Where the channel axis is: {@code N×3×H×W} or {@code N×H×W×3}. */
    public enum Layout {
        @JsonProperty("nchw") NCHW,
        @JsonProperty("nhwc") NHWC;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The declared preprocessing, read back (it was checked when the claim check was made). */
    @JsonIgnore
    public Preprocessing parsedPreprocessing() {
        return Preprocessing.parse("input.preprocessing", preprocessing);
    }
}
