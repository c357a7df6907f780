package dev.robust.common.codec;

import dev.robust.common.image.LabeledImage;
import dev.robust.common.image.UInt8Image;

import java.nio.ByteBuffer;

/**
 * The binary wire format of a labelled image (values of {@code cifar10.*} and {@code cifar10c.*} topics).
 *
 * <p>Layout, big-endian: magic {@code "RBIM"} (4 bytes), version (1), label (1), source index (8), height (2),
 * width (2), channels (1), then height × width × channels raw uint8 HWC bytes. A CIFAR-10 image is 19 + 3,072 bytes.
 */
public final class LabeledImageCodec {
    public static final int MAGIC = 0x5242494D; // "RBIM"
    public static final int VERSION = 1;
    public static final int HEADER_SIZE = 19;

    private static final String RECORD = "labelled-image";

    private LabeledImageCodec() {
    }

    public static byte[] encode(LabeledImage record) {
        UInt8Image image = record.image();
        byte[] pixels = image.data();
        byte[] out = new byte[HEADER_SIZE + pixels.length];
        ByteBuffer.wrap(out)
                .putInt(MAGIC)
                .put((byte) VERSION)
                .put((byte) record.label())
                .putLong(record.index())
                .putShort((short) image.height())
                .putShort((short) image.width())
                .put((byte) image.channels());
        System.arraycopy(pixels, 0, out, HEADER_SIZE, pixels.length);
        return out;
    }

    /** Decodes one record; anything malformed throws {@link CodecException}. */
    public static LabeledImage decode(byte[] bytes) {
        RecordReader in = new RecordReader(RECORD, bytes);
        in.expectHeader(HEADER_SIZE, MAGIC, VERSION);
        int label = in.u8(5);
        long index = in.index(6);
        int height = in.u16(14);
        int width = in.u16(16);
        int channels = in.u8(18);
        int pixels = in.pixelCount("image", height, width, channels);
        in.expectLength((long) HEADER_SIZE + pixels);
        return new LabeledImage(index, label, in.image(HEADER_SIZE, height, width, channels));
    }
}
