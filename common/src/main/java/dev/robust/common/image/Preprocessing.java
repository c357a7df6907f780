package dev.robust.common.image;

import dev.robust.common.InvalidFieldException;

import java.util.Arrays;
import java.util.Locale;

/**
 * How a model imported from elsewhere wants its pixels: {@code value = (pixel / 255 − mean[c]) / std[c]} per
 * channel. The three forms users declare are all of this kind: {@code [-1,1]} (mean 0.5, std 0.5), {@code [0,1]}
 * (mean 0, std 1), and {@code mean=0.4914,0.4822,0.4465;std=0.247,0.243,0.261} (torchvision's convention, on the
 * [0, 1] scale).
 *
 * @param text the declaration in its canonical form, as it travels in claim checks
 */
public record Preprocessing(String text, float[] mean, float[] std) {
    public static final String MINUS_ONE_TO_ONE = "[-1,1]";
    public static final String ZERO_TO_ONE = "[0,1]";
    private static final String EXPECTED = "'" + MINUS_ONE_TO_ONE + "', '" + ZERO_TO_ONE
            + "' or 'mean=m0,m1,m2;std=s0,s1,s2' (per-channel, on the [0,1] scale, every std > 0)";

    public Preprocessing {
        mean = mean.clone();
        std = std.clone();
    }

    /**
     * Reads a declaration.
     *
     * @param field the request field it came from, named in the error
     * @throws InvalidFieldException naming the field and the accepted forms
     */
    public static Preprocessing parse(String field, String declared) {
        if (declared == null || declared.isBlank()) {
            throw new InvalidFieldException(field, field + " is required: " + EXPECTED);
        }
        String text = declared.replace(" ", "").toLowerCase(Locale.ROOT);
        if (text.equals(MINUS_ONE_TO_ONE)) return uniform(text, 0.5f, 0.5f);
        if (text.equals(ZERO_TO_ONE)) return uniform(text, 0f, 1f);
        String[] parts = text.split(";");
        if (parts.length == 2 && parts[0].startsWith("mean=") && parts[1].startsWith("std=")) {
            float[] mean = channels(field, declared, parts[0].substring("mean=".length()));
            float[] std = channels(field, declared, parts[1].substring("std=".length()));
            for (float s : std) {
                if (!(s > 0)) throw invalid(field, declared);
            }
            return new Preprocessing("mean=" + join(mean) + ";std=" + join(std), mean, std);
        }
        throw invalid(field, declared);
    }

    /** The model's input value of {@code pixel} (0..255) in channel {@code channel}. */
    public float apply(int pixel, int channel) {
        return (pixel / 255f - mean[channel]) / std[channel];
    }

    private static Preprocessing uniform(String text, float mean, float std) {
        return new Preprocessing(text, new float[]{mean, mean, mean}, new float[]{std, std, std});
    }

    private static float[] channels(String field, String declared, String list) {
        String[] values = list.split(",");
        if (values.length != 3) throw invalid(field, declared);
        float[] parsed = new float[3];
        for (int c = 0; c < 3; c++) {
            try {
                parsed[c] = Float.parseFloat(values[c]);
            } catch (NumberFormatException e) {
                throw invalid(field, declared);
            }
            if (!Float.isFinite(parsed[c])) throw invalid(field, declared);
        }
        return parsed;
    }

    private static String join(float[] values) {
        StringBuilder text = new StringBuilder();
        for (float value : values) {
            if (!text.isEmpty()) text.append(',');
            text.append(value);
        }
        return text.toString();
    }

    private static InvalidFieldException invalid(String field, String declared) {
        return new InvalidFieldException(field, field + " '" + declared + "' is not a preprocessing this service "
                + "knows: expected " + EXPECTED);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Preprocessing that && text.equals(that.text) && Arrays.equals(mean, that.mean)
                && Arrays.equals(std, that.std);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
