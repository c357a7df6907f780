package dev.robust.common.prediction;

import dev.robust.common.codec.CodecException;

import java.nio.ByteBuffer;

/**
 * The binary value of an {@code evaluation.predictions} record: magic {@code "RBPR"} (4 bytes), version (1), image
 * count N (4, big-endian), then N codes as {@link Predictions} defines them. 10,000 clean test images take
 * 10,009 bytes.
 */
public final class PredictionsCodec {
    public static final int MAGIC = 0x52425052; // "RBPR"
    public static final int VERSION = 1;
    public static final int HEADER_SIZE = 9;

    private PredictionsCodec() {
    }

    public static byte[] encode(Predictions predictions) {
        byte[] codes = predictions.codes();
        ByteBuffer out = ByteBuffer.allocate(HEADER_SIZE + codes.length);
        out.putInt(MAGIC).put((byte) VERSION).putInt(codes.length).put(codes);
        return out.array();
    }

    /** Decodes one value; anything malformed throws {@link CodecException} naming the field. */
    public static Predictions decode(byte[] bytes) {
        if (bytes == null || bytes.length < HEADER_SIZE) {
            throw new CodecException("predictions record has " + (bytes == null ? "no value" : bytes.length
                    + " bytes") + ", expected at least the " + HEADER_SIZE + "-byte header");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int magic = in.getInt();
        if (magic != MAGIC) {
            throw new CodecException("predictions record magic is 0x" + Integer.toHexString(magic) + ", expected 0x"
                    + Integer.toHexString(MAGIC) + " (\"RBPR\")");
        }
        int version = in.get() & 0xFF;
        if (version != VERSION) {
            throw new CodecException("predictions record version is " + version + ", expected " + VERSION);
        }
        int count = in.getInt();
        if (count < 0 || count != bytes.length - HEADER_SIZE) {
            throw new CodecException("predictions record says " + count + " images but holds "
                    + (bytes.length - HEADER_SIZE) + " codes");
        }
        byte[] codes = new byte[count];
        in.get(codes);
        try {
            return Predictions.ofCodes(codes);
        } catch (IllegalArgumentException e) {
            throw new CodecException("predictions record: " + e.getMessage());
        }
    }
}
