package dev.robust.engine;

/**
 * A batch of images as they travel: uint8 pixels in NHWC order (image, row, column, channel) plus one label per
 * image. Pixels stay raw; the model scales them to [-1, 1] itself, so callers never normalise.
 *
 * @param pixels   {@code size × height × width × channels} bytes, read as unsigned
 * @param labels   one class index per image, or {@code null} for an unlabelled batch (prediction only)
 */
public record Batch(byte[] pixels, int[] labels, int size, int height, int width, int channels) {

    public Batch {
        if (size <= 0 || height <= 0 || width <= 0 || channels <= 0) {
            throw new IllegalArgumentException(
                    "batch shape must be positive, got " + size + "x" + height + "x" + width + "x" + channels);
        }
        long expected = (long) size * height * width * channels;
        if (pixels == null || pixels.length != expected) {
            throw new IllegalArgumentException("batch of " + size + "x" + height + "x" + width + "x" + channels
                    + " needs " + expected + " pixel bytes, got " + (pixels == null ? "none" : pixels.length));
        }
        if (labels != null && labels.length != size) {
            throw new IllegalArgumentException("batch of " + size + " images has " + labels.length + " labels");
        }
    }

    /** A batch with nothing to learn from, for prediction. */
    public static Batch unlabelled(byte[] pixels, int size, int height, int width, int channels) {
        return new Batch(pixels, null, size, height, width, channels);
    }

    public boolean isLabelled() {
        return labels != null;
    }

    /** Bytes per image. */
    public int imageBytes() {
        return height * width * channels;
    }

    /** The labels, or a clear error when the batch has none (training needs them). */
    public int[] requireLabels() {
        if (labels == null) {
            throw new IllegalArgumentException("this operation needs labels but the batch of " + size + " is unlabelled");
        }
        return labels;
    }
}
