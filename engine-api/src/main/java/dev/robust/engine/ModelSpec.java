package dev.robust.engine;

/**
 * What to build: an architecture by name for square or rectangular images of {@code height × width × channels}
 * uint8 pixels, with {@code classes} logits, initialised from {@code seed}.
 */
public record ModelSpec(String architecture, int height, int width, int channels, int classes, long seed) {

    public ModelSpec {
        if (architecture == null || architecture.isBlank()) {
            throw new IllegalArgumentException("architecture must be named, got '" + architecture + "'");
        }
        if (height <= 0 || width <= 0 || channels <= 0) {
            throw new IllegalArgumentException("input must be positive, got " + height + "x" + width + "x" + channels);
        }
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be at least 2, got " + classes);
        }
    }

    /** Square RGB input, the common case: {@code ModelSpec.of("resnet50v2", 72, 10, 42)}. */
    public static ModelSpec of(String architecture, int size, int classes, long seed) {
        return new ModelSpec(architecture, size, size, 3, classes, seed);
    }
}
