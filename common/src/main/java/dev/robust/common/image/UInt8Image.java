package dev.robust.common.image;

import java.util.Arrays;

/**
 * An 8-bit image stored height × width × channels (HWC), row-major, one unsigned byte per sample.
 *
 * <p>This is the one pixel container of the project: readers produce it, the wire codec carries it, the imaging
 * operations transform it and the engines turn it into tensors. The backing array is owned by the image; callers
 * that mutate {@link #data()} must own the instance (operations return new images).
 */
public final class UInt8Image {
    /** Largest side accepted anywhere; guards allocations driven by untrusted headers. */
    public static final int MAX_SIDE = 4096;
    /** Largest channel count accepted anywhere. */
    public static final int MAX_CHANNELS = 4;

    private final int height;
    private final int width;
    private final int channels;
    private final byte[] data;

    public UInt8Image(int height, int width, int channels, byte[] data) {
        checkShape(height, width, channels);
        if (data.length != height * width * channels) {
            throw new IllegalArgumentException("pixel buffer has " + data.length + " bytes, expected "
                    + height + "×" + width + "×" + channels + " = " + (height * width * channels));
        }
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.data = data;
    }

    /** A black image of the given shape. */
    public static UInt8Image zeros(int height, int width, int channels) {
        checkShape(height, width, channels);
        return new UInt8Image(height, width, channels, new byte[height * width * channels]);
    }

    public static void checkShape(int height, int width, int channels) {
        if (height < 1 || height > MAX_SIDE || width < 1 || width > MAX_SIDE
                || channels < 1 || channels > MAX_CHANNELS) {
            throw new IllegalArgumentException("image shape " + height + "×" + width + "×" + channels
                    + " outside 1.." + MAX_SIDE + " × 1.." + MAX_SIDE + " × 1.." + MAX_CHANNELS);
        }
    }

    public int height() { return height; }

    public int width() { return width; }

    public int channels() { return channels; }

    /** The backing HWC bytes (not a copy). */
    public byte[] data() { return data; }

    /** Sample at (y, x, c) as 0..255. */
    public int get(int y, int x, int c) {
        return data[(y * width + x) * channels + c] & 0xFF;
    }

    public void set(int y, int x, int c, int value) {
        data[(y * width + x) * channels + c] = (byte) value;
    }

    public UInt8Image copy() {
        return new UInt8Image(height, width, channels, data.clone());
    }

    public boolean sameShape(UInt8Image other) {
        return height == other.height && width == other.width && channels == other.channels;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UInt8Image other && sameShape(other) && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * height + width) + channels) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "UInt8Image[" + height + "×" + width + "×" + channels + "]";
    }
}
