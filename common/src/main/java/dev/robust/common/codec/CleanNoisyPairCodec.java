package dev.robust.common.codec;

import dev.robust.common.image.CleanNoisyPair;
import dev.robust.common.image.UInt8Image;

import java.nio.ByteBuffer;

/**
 * The binary wire format of a clean/noisy training pair (values of {@code train.pairs}).
 *
 * <p>Layout, big-endian: magic {@code "RBPR"} (4 bytes), version (1), label (1), source index (8), clean height (2),
 * width (2), channels (1), noisy height (2), width (2), channels (1), then the clean view's raw uint8 HWC bytes
 * followed by the noisy view's. Two 72×72×3 views make 24 + 31,104 bytes.
 */
public final class CleanNoisyPairCodec {
    public static final int MAGIC = 0x52425052; // "RBPR"
    public static final int VERSION = 1;
    public static final int HEADER_SIZE = 24;

    private static final String RECORD = "clean/noisy pair";

    private CleanNoisyPairCodec() {
    }

    public static byte[] encode(CleanNoisyPair pair) {
        UInt8Image clean = pair.clean();
        UInt8Image noisy = pair.noisy();
        byte[] out = new byte[HEADER_SIZE + clean.data().length + noisy.data().length];
        ByteBuffer.wrap(out)
                .putInt(MAGIC)
                .put((byte) VERSION)
                .put((byte) pair.label())
                .putLong(pair.index())
                .putShort((short) clean.height())
                .putShort((short) clean.width())
                .put((byte) clean.channels())
                .putShort((short) noisy.height())
                .putShort((short) noisy.width())
                .put((byte) noisy.channels());
        System.arraycopy(clean.data(), 0, out, HEADER_SIZE, clean.data().length);
        System.arraycopy(noisy.data(), 0, out, HEADER_SIZE + clean.data().length, noisy.data().length);
        return out;
    }

    /** Decodes one record; anything malformed throws {@link CodecException}. */
    public static CleanNoisyPair decode(byte[] bytes) {
        RecordReader in = new RecordReader(RECORD, bytes);
        in.expectHeader(HEADER_SIZE, MAGIC, VERSION);
        int label = in.u8(5);
        long index = in.index(6);
        int cleanHeight = in.u16(14);
        int cleanWidth = in.u16(16);
        int cleanChannels = in.u8(18);
        int noisyHeight = in.u16(19);
        int noisyWidth = in.u16(21);
        int noisyChannels = in.u8(23);
        int cleanBytes = in.pixelCount("clean view", cleanHeight, cleanWidth, cleanChannels);
        int noisyBytes = in.pixelCount("noisy view", noisyHeight, noisyWidth, noisyChannels);
        in.expectLength((long) HEADER_SIZE + cleanBytes + noisyBytes);
        return new CleanNoisyPair(index, label,
                in.image(HEADER_SIZE, cleanHeight, cleanWidth, cleanChannels),
                in.image(HEADER_SIZE + cleanBytes, noisyHeight, noisyWidth, noisyChannels));
    }
}
