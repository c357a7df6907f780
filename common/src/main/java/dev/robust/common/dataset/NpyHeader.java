package dev.robust.common.dataset;

import dev.robust.common.BadInputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The header of a NumPy {@code .npy} file (format versions 1.0, 2.0 and 3.0): the magic string, the version, a
 * little-endian header length and a Python dict literal with {@code descr}, {@code fortran_order} and {@code shape}.
 * The array data starts at {@code dataOffset}.
 */
public record NpyHeader(String dtype, boolean fortranOrder, List<Long> shape, long dataOffset) {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** numpy pads headers so the data starts on a multiple of this. */
    static final int ALIGNMENT = 64;
    /** Far above any real header (numpy warns past 10 KB); guards against allocating from a corrupt length. */
    private static final int MAX_HEADER_LENGTH = 1 << 20;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    public NpyHeader {
        shape = List.copyOf(shape);
    }

    /** Reads and parses the header of {@code file}; a file that is not a well-formed .npy is rejected by name. */
    public static NpyHeader read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer preamble = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, preamble, 0);
            preamble.flip();
            if (preamble.remaining() < 10 || !startsWithMagic(preamble)) {
                throw new BadInputException(file + ": not a .npy file (missing the \\x93NUMPY magic string)");
            }
            int major = preamble.get(6) & 0xFF;
            int lengthBytes;
            if (major == 1) lengthBytes = 2;
            else if (major == 2 || major == 3) lengthBytes = 4;
            else throw new BadInputException(file + ": unsupported .npy format version " + major);
            if (preamble.remaining() < 8 + lengthBytes) {
                throw new BadInputException(file + ": truncated .npy header");
            }
            long headerLength = lengthBytes == 2 ? preamble.getShort(8) & 0xFFFF : preamble.getInt(8) & 0xFFFFFFFFL;
            long dataOffset = 8 + lengthBytes + headerLength;
            if (headerLength > MAX_HEADER_LENGTH || dataOffset > channel.size()) {
                throw new BadInputException(file + ": .npy header length " + headerLength
                        + " does not fit the file of " + channel.size() + " bytes");
            }
            ByteBuffer dict = ByteBuffer.allocate((int) headerLength);
            readFully(channel, dict, 8 + lengthBytes);
            String text = new String(dict.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            return parseDict(file, text, dataOffset);
        }
    }

    static NpyHeader parseDict(Path file, String dict, long dataOffset) {
        Matcher descr = DESCR.matcher(dict);
        Matcher fortran = FORTRAN.matcher(dict);
        Matcher shape = SHAPE.matcher(dict);
        if (!descr.find() || !fortran.find() || !shape.find()) {
            throw new BadInputException(file + ": unreadable .npy header " + dict.strip()
                    + " (expected a simple dtype, fortran_order and shape)");
        }
        List<Long> dims = new ArrayList<>();
        for (String dim : shape.group(1).split(",")) {
            if (dim.isBlank()) continue;
            try {
                dims.add(Long.parseLong(dim.strip()));
            } catch (NumberFormatException e) {
                throw new BadInputException(file + ": .npy shape (" + shape.group(1) + ") is not a tuple of integers");
            }
        }
        return new NpyHeader(descr.group(1), fortran.group(1).equals("True"), dims, dataOffset);
    }

    /** True for unsigned 8-bit data, whatever byte-order mark numpy put on it. */
    public boolean isUInt8() {
        return dtype.equals("|u1") || dtype.equals("u1") || dtype.equals("<u1") || dtype.equals(">u1");
    }

    /** Number of elements (product of the shape; 1 for a scalar). */
    public long elementCount() {
        long count = 1;
        for (long dim : shape) count = Math.multiplyExact(count, dim);
        return count;
    }

    /** The shape as Python prints it: {@code (50000, 32, 32, 3)}, {@code (50000,)}. */
    public String shapeText() {
        if (shape.size() == 1) return "(" + shape.get(0) + ",)";
        return shape.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
    }

    private static boolean startsWithMagic(ByteBuffer buffer) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (buffer.get(i) != MAGIC[i]) return false;
        }
        return true;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position + buffer.position());
            if (read < 0) break;
        }
    }
}
