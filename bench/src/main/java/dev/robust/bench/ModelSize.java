package dev.robust.bench;

import java.util.ArrayList;
import java.util.List;

/** An architecture at a square input side, written {@code name:side} (e.g. {@code resnet50v2:72}). */
public record ModelSize(String architecture, int side) {

    public ModelSize {
        if (side < 8) throw new BenchUsageException("model " + architecture + ": input side must be >= 8, got " + side);
    }

    static List<ModelSize> parseList(String value) {
        List<ModelSize> models = new ArrayList<>();
        for (String entry : value.split(",")) {
            if (entry.isBlank()) continue;
            String[] parts = entry.trim().split(":");
            if (parts.length != 2) {
                throw new BenchUsageException("--models: '" + entry.trim() + "' is not name:side, e.g. resnet20:32");
            }
            try {
                models.add(new ModelSize(parts[0], Integer.parseInt(parts[1])));
            } catch (NumberFormatException e) {
                throw new BenchUsageException("--models: side of '" + entry.trim() + "' is not an integer");
            }
        }
        return models;
    }

    /**
     * The augment-service's views for this input, in the profiles' proportions: resize to 4/3 of the side for the
     * recipe's large inputs (96 → 72), to 9/8 for small ones (quick: 36 → 32).
     */
    public int resize() {
        return side >= 64 ? Math.round(side * 4f / 3f) : Math.round(side * 9f / 8f);
    }

    @Override
    public String toString() {
        return architecture + " " + side + "×" + side;
    }
}
