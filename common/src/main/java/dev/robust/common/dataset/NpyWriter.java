package dev.robust.common.dataset;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes a C-order uint8 array as a NumPy {@code .npy} file (format 1.0, header padded so the data starts on a
 * 64-byte boundary, as numpy does). The data is streamed: create the writer with the final shape, write exactly
 * that many bytes in row-major order, close. Closing with a different byte count fails, so a short file is never
 * mistaken for a finished one.
 */
public final class NpyWriter implements AutoCloseable {
    private final Path file;
    private final OutputStream out;
    private final long expectedBytes;
    private long writtenBytes;

    private NpyWriter(Path file, long[] shape) throws IOException {
        this.file = file;
        this.expectedBytes = new NpyHeader("|u1", false, Arrays.stream(shape).boxed().toList(), 0).elementCount();
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        out.write(header(shape));
    }

    /** Opens {@code file} for a uint8 array of {@code shape}, e.g. {@code (50000, 32, 32, 3)}. */
    public static NpyWriter create(Path file, long... shape) throws IOException {
        for (long dim : shape) {
            if (dim < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
        }
        return new NpyWriter(file, shape);
    }

    /** Writes a whole array in one call. */
    public static void write(Path file, byte[] data, long... shape) throws IOException {
        try (NpyWriter writer = create(file, shape)) {
            writer.write(data);
        }
    }

    public void write(byte[] data) throws IOException {
        write(data, 0, data.length);
    }

    public void write(byte[] data, int offset, int length) throws IOException {
        if (writtenBytes + length > expectedBytes) {
            throw new IllegalStateException(file + ": writing past the " + expectedBytes + " bytes of the declared shape");
        }
        out.write(data, offset, length);
        writtenBytes += length;
    }

    @Override
    public void close() throws IOException {
        out.close();
        if (writtenBytes != expectedBytes) {
            throw new IllegalStateException(file + ": closed after " + writtenBytes + " of the " + expectedBytes
                    + " bytes its shape declares");
        }
    }

    static byte[] header(long[] shape) {
        String shapeText = new NpyHeader("|u1", false, Arrays.stream(shape).boxed().toList(), 0).shapeText();
        String dict = "{'descr': '|u1', 'fortran_order': False, 'shape': " + shapeText + ", }";
        int unpadded = NpyHeader.MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (NpyHeader.ALIGNMENT - unpadded % NpyHeader.ALIGNMENT) % NpyHeader.ALIGNMENT;
        String padded = dict + " ".repeat(padding) + "\n";
        byte[] text = padded.getBytes(StandardCharsets.US_ASCII);
        byte[] header = new byte[NpyHeader.MAGIC.length + 4 + text.length];
        System.arraycopy(NpyHeader.MAGIC, 0, header, 0, NpyHeader.MAGIC.length);
        header[6] = 1; // format 1.0
        header[7] = 0;
        header[8] = (byte) text.length; // little-endian header length
        header[9] = (byte) (text.length >> 8);
        System.arraycopy(text, 0, header, 10, text.length);
        return header;
    }
}
