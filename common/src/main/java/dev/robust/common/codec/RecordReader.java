package dev.robust.common.codec;

import dev.robust.common.image.UInt8Image;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Bounds-checked big-endian reads over one encoded record. Every length it hands out has been checked against
 * the bytes actually present, so a decoder never allocates from a header it has not verified.
 */
final class RecordReader {
    private final String recordName;
    private final byte[] bytes;
    private final ByteBuffer buffer;

    RecordReader(String recordName, byte[] bytes) {
        if (bytes == null) throw new CodecException(recordName + ": record is null");
        this.recordName = recordName;
        this.bytes = bytes;
        this.buffer = ByteBuffer.wrap(bytes);
    }

    /** Checks size, magic and version; afterwards header fields at offsets below {@code headerSize} can be read. */
    void expectHeader(int headerSize, int magic, int version) {
        if (bytes.length < headerSize) {
            throw fail("truncated: " + bytes.length + " bytes, the header alone is " + headerSize);
        }
        int foundMagic = buffer.getInt(0);
        if (foundMagic != magic) {
            throw fail(String.format("bad magic 0x%08x, expected 0x%08x", foundMagic, magic));
        }
        int foundVersion = u8(4);
        if (foundVersion != version) {
            throw fail("unsupported version " + foundVersion + ", this build reads version " + version);
        }
    }

    int u8(int offset) {
        return bytes[offset] & 0xFF;
    }

    int u16(int offset) {
        return buffer.getShort(offset) & 0xFFFF;
    }

    long index(int offset) {
        long index = buffer.getLong(offset);
        if (index < 0) throw fail("negative source index " + index);
        return index;
    }

    /** Validates an (h, w, c) triple and returns its pixel byte count. */
    int pixelCount(String view, int height, int width, int channels) {
        if (height < 1 || height > UInt8Image.MAX_SIDE || width < 1 || width > UInt8Image.MAX_SIDE
                || channels < 1 || channels > UInt8Image.MAX_CHANNELS) {
            throw fail(view + " shape " + height + "×" + width + "×" + channels + " outside 1.." + UInt8Image.MAX_SIDE
                    + " × 1.." + UInt8Image.MAX_SIDE + " × 1.." + UInt8Image.MAX_CHANNELS);
        }
        return height * width * channels;
    }

    /** The record must be exactly {@code expected} bytes long (header + pixels). */
    void expectLength(long expected) {
        if (bytes.length != expected) {
            throw fail("has " + bytes.length + " bytes but its header describes " + expected);
        }
    }

    UInt8Image image(int offset, int height, int width, int channels) {
        return new UInt8Image(height, width, channels,
                Arrays.copyOfRange(bytes, offset, offset + height * width * channels));
    }

    CodecException fail(String problem) {
        return new CodecException(recordName + " record " + problem);
    }
}
