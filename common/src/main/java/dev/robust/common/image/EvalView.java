package dev.robust.common.image;

/**
 * The evaluation and validation view of the recipe: a bilinear resize of the 32×32 image to the model's input size.
 * Trainer (validation) and eval-service (test, CIFAR-10-C) both use it, so both score exactly the same pixels.
 */
public final class EvalView {
    /** Side of the square model input; also the crop size of the training views. */
    public static final int SIZE = 72;

    private EvalView() {
    }

    /** The view as uint8 (nearest grey level), e.g. to put on the wire. */
    public static UInt8Image apply(UInt8Image image) {
        return BilinearResize.resize(image, SIZE, SIZE);
    }

    /**
     * The view at another model input size (e.g. 32 for the quick profile's models, where the view is the image
     * itself): the same bilinear resize, so every model sees its test images the same way.
     */
    public static UInt8Image apply(UInt8Image image, int size) {
        if (image.height() == size && image.width() == size) return image;
        return BilinearResize.resize(image, size, size);
    }

    /** The view as floats on the 0..255 scale, exactly what the reference feeds its model (HWC). */
    public static float[] applyToFloat(UInt8Image image) {
        return BilinearResize.resizeToFloat(image, SIZE, SIZE);
    }
}
