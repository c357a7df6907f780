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

    /** Checks that {@code batch} holds images of this spec's size, naming both shapes when not. */
    public void requireInput(Batch batch) {
        if (batch.height() != height || batch.width() != width || batch.channels() != channels) {
            throw new IllegalArgumentException(architecture + " takes " + height + "x" + width + "x" + channels
                    + " images, the batch holds " + batch.height() + "x" + batch.width() + "x" + batch.channels());
        }
    }

    /** Checks that every label is a class index of this spec, naming the first that is not. */
    public void requireLabels(int[] labels) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(
                        "label " + labels[i] + " at position " + i + " is outside 0.." + (classes - 1));
            }
        }
    }

    /** Checks that a teacher's logits cover {@code batch}: one row per image, one column per class. */
    public void requireTeacherLogits(Logits teacherLogits, Batch batch) {
        if (teacherLogits.rows() != batch.size() || teacherLogits.classes() != classes) {
            throw new IllegalArgumentException("teacher logits are " + teacherLogits.rows() + "x"
                    + teacherLogits.classes() + ", the batch needs " + batch.size() + "x" + classes);
        }
    }
}
