package dev.robust.common.image;

/**
 * Bilinear resampling with the semantics of TensorFlow's {@code tf.image.resize(..., method="bilinear")}:
 * half-pixel centres, no antialiasing, arithmetic in 32-bit float.
 *
 * <p>For output index {@code o} the source coordinate is {@code (o + 0.5) * in/out - 0.5}; the two neighbours are
 * {@code floor} and {@code ceil} of it clamped to the image, and the weight is its fractional part. Horizontal
 * interpolation happens first, then vertical, as in TensorFlow's kernel, so results agree to float rounding.
 *
 * <p>Java float arithmetic is strict (IEEE 754, no fused operations), so results are identical on every machine.
 * The coordinate tables are tiny (one entry per output row and column) and are rebuilt on every call.
 */
public final class BilinearResize {
    private final int inWidth;
    private final int outHeight;
    private final int outWidth;
    private final int[] rowLow;
    private final int[] rowHigh;
    private final float[] rowLerp;
    private final int[] colLow;
    private final int[] colHigh;
    private final float[] colLerp;

    private BilinearResize(int inHeight, int inWidth, int outHeight, int outWidth, boolean mirrored) {
        UInt8Image.checkShape(outHeight, outWidth, 1);
        this.inWidth = inWidth;
        this.outHeight = outHeight;
        this.outWidth = outWidth;
        rowLow = new int[outHeight];
        rowHigh = new int[outHeight];
        rowLerp = new float[outHeight];
        colLow = new int[outWidth];
        colHigh = new int[outWidth];
        colLerp = new float[outWidth];
        fill(inHeight, outHeight, rowLow, rowHigh, rowLerp, false);
        fill(inWidth, outWidth, colLow, colHigh, colLerp, mirrored);
    }

    private static void fill(int in, int out, int[] low, int[] high, float[] lerp, boolean mirrored) {
        float scale = (float) in / out;
        for (int o = 0; o < out; o++) {
            float source = (o + 0.5f) * scale - 0.5f;
            float floor = (float) Math.floor(source);
            int lo = Math.max((int) floor, 0);
            int hi = Math.min((int) Math.ceil(source), in - 1);
            // Reading the source right-to-left is exactly "flip, then resize", without materialising the flip.
            low[o] = mirrored ? in - 1 - lo : lo;
            high[o] = mirrored ? in - 1 - hi : hi;
            lerp[o] = source - floor;
        }
    }

    /** Resizes {@code image} to {@code outHeight × outWidth}, rounding to the nearest grey level. */
    public static UInt8Image resize(UInt8Image image, int outHeight, int outWidth) {
        return new BilinearResize(image.height(), image.width(), outHeight, outWidth, false)
                .window(image, 0, 0, outHeight, outWidth);
    }

    /**
     * The float result of the resize (0..255 scale, HWC), before any quantisation: what TensorFlow hands the model.
     */
    public static float[] resizeToFloat(UInt8Image image, int outHeight, int outWidth) {
        BilinearResize resize = new BilinearResize(image.height(), image.width(), outHeight, outWidth, false);
        int rowLength = outWidth * image.channels();
        float[] rows = resize.horizontalPass(image, 0, outHeight, 0, outWidth);
        int firstRow = resize.rowLow[0];
        float[] out = new float[outHeight * rowLength];
        int o = 0;
        for (int y = 0; y < outHeight; y++) {
            int upper = (resize.rowLow[y] - firstRow) * rowLength;
            int lower = (resize.rowHigh[y] - firstRow) * rowLength;
            float dy = resize.rowLerp[y];
            for (int i = 0; i < rowLength; i++) out[o++] = rows[upper + i] + (rows[lower + i] - rows[upper + i]) * dy;
        }
        return out;
    }

    /**
     * Equivalent to: mirror {@code image} horizontally if {@code mirrored}, resize it to
     * {@code fullHeight × fullWidth}, then crop the window at ({@code top}, {@code left}) of size
     * {@code height × width}; only the window's pixels are computed.
     */
    public static UInt8Image resizeWindow(UInt8Image image, int fullHeight, int fullWidth,
                                          int top, int left, int height, int width, boolean mirrored) {
        return new BilinearResize(image.height(), image.width(), fullHeight, fullWidth, mirrored)
                .window(image, top, left, height, width);
    }

    /** The window of this resize of {@code image}, rounded to the nearest grey level. */
    private UInt8Image window(UInt8Image image, int top, int left, int height, int width) {
        if (top < 0 || left < 0 || height < 1 || width < 1 || top + height > outHeight || left + width > outWidth) {
            throw new IllegalArgumentException("window " + height + "×" + width + " at (" + top + ", " + left
                    + ") does not fit in the resized " + outHeight + "×" + outWidth + " image");
        }
        int rowLength = width * image.channels();
        float[] rows = horizontalPass(image, top, height, left, width);
        int firstRow = rowLow[top];
        byte[] out = new byte[height * rowLength];
        int o = 0;
        for (int y = 0; y < height; y++) {
            int upper = (rowLow[top + y] - firstRow) * rowLength;
            int lower = (rowHigh[top + y] - firstRow) * rowLength;
            float dy = rowLerp[top + y];
            // The vertical blend and the rounding in one expression: the same float operations, in the same order,
            // as blending into a float array first and rounding it afterwards, without that array.
            for (int i = 0; i < rowLength; i++) {
                float a = rows[upper + i];
                out[o++] = (byte) (int) (a + (rows[lower + i] - a) * dy + 0.5f);
            }
        }
        return new UInt8Image(height, width, image.channels(), out);
    }

    /**
     * The horizontal pass over each source row that the window's output rows blend, back to back in one array
     * ({@code width × channels} floats per source row, starting at source row {@code rowLow[top]}; rows are never
     * mirrored, so that is the first one). Blending these cached rows vertically gives the same floats as
     * TensorFlow's per-pixel order (same operations, same operands) at a fraction of the work.
     */
    private float[] horizontalPass(UInt8Image image, int top, int height, int left, int width) {
        byte[] src = image.data();
        int channels = image.channels();
        int stride = inWidth * channels;
        int rowLength = width * channels;
        int firstRow = rowLow[top];
        int lastRow = rowHigh[top + height - 1];
        float[] rows = new float[(lastRow - firstRow + 1) * rowLength];
        int o = 0;
        for (int r = firstRow; r <= lastRow; r++) {
            int base = r * stride;
            for (int x = 0; x < width; x++) {
                int lo = base + colLow[left + x] * channels;
                int hi = base + colHigh[left + x] * channels;
                float dx = colLerp[left + x];
                for (int c = 0; c < channels; c++) {
                    float a = src[lo + c] & 0xFF;
                    float b = src[hi + c] & 0xFF;
                    rows[o++] = a + (b - a) * dx;
                }
            }
        }
        return rows;
    }
}
