package dev.robust.eval.onnx;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The opset a model imports for ONNX's default operator domain, read from the top-level fields of its
 * {@code ModelProto} ({@code opset_import}, field 8: {@code domain} 1, {@code version} 2) while the graph's bytes are
 * skipped, so a 128 MB model is not held in memory for it. ONNX Runtime's Java API does not report the opset.
 */
final class OnnxOpset {
    /** The oldest default-domain opset the service scores (opset 13 is also what the project's own export writes). */
    static final long MINIMUM = 13;
    private static final int OPSET_IMPORT = 8;
    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    private OnnxOpset() {
    }

    /** The version of the default domain ("" or "ai.onnx") the model imports; empty when it imports none. */
    static OptionalLong defaultDomain(Path file) throws IOException {
        OptionalLong version = OptionalLong.empty();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            while (true) {
                long tag;
                try {
                    tag = varint(in);
                } catch (EOFException end) {
                    return version;
                }
                int field = (int) (tag >>> 3);
                int wire = (int) (tag & 7);
                if (field == OPSET_IMPORT && wire == LENGTH_DELIMITED) {
                    byte[] opset = new byte[Math.toIntExact(varint(in))];
                    in.readFully(opset);
                    OptionalLong found = defaultDomainVersion(opset);
                    if (found.isPresent()) version = found;
                } else {
                    skip(in, wire);
                }
            }
        }
    }

    /** An {@code OperatorSetIdProto}'s version when its domain is the default one. */
    private static OptionalLong defaultDomainVersion(byte[] opset) throws IOException {
        String domain = "";
        long version = -1;
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(opset))) {
            while (in.available() > 0) {
                long tag = varint(in);
                int field = (int) (tag >>> 3);
                int wire = (int) (tag & 7);
                if (field == 1 && wire == LENGTH_DELIMITED) {
                    byte[] text = new byte[Math.toIntExact(varint(in))];
                    in.readFully(text);
                    domain = new String(text, StandardCharsets.UTF_8);
                } else if (field == 2 && wire == VARINT) {
                    version = varint(in);
                } else {
                    skip(in, wire);
                }
            }
        }
        return (domain.isEmpty() || domain.equals("ai.onnx")) && version >= 0 ? OptionalLong.of(version)
                : OptionalLong.empty();
    }

    private static void skip(DataInputStream in, int wire) throws IOException {
        switch (wire) {
            case VARINT -> varint(in);
            case FIXED64 -> skipFully(in, 8);
            case LENGTH_DELIMITED -> skipFully(in, varint(in));
            case FIXED32 -> skipFully(in, 4);
            default -> throw new IOException("not a protobuf message (wire type " + wire + ")");
        }
    }

    private static void skipFully(InputStream in, long count) throws IOException {
        long left = count;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) throw new EOFException("the model ends inside a field");
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private static long varint(DataInputStream in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new IOException("not a protobuf message (varint longer than 10 bytes)");
    }
}
