package dev.robust.common.dataset;

import dev.robust.common.BadInputException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NpyTest {
    @TempDir
    Path dir;

    @Test
    void writerOutputReadsBackWithAlignedData() throws IOException {
        Path file = dir.resolve("a.npy");
        byte[] data = new byte[10 * 32 * 32 * 3];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 31);
        NpyWriter.write(file, data, 10, 32, 32, 3);
        NpyHeader header = NpyHeader.read(file);
        assertEquals("|u1", header.dtype());
        assertFalse(header.fortranOrder());
        assertEquals(List.of(10L, 32L, 32L, 3L), header.shape());
        assertEquals(0, header.dataOffset() % 64);
        byte[] all = Files.readAllBytes(file);
        assertArrayEquals(data, Arrays.copyOfRange(all, (int) header.dataOffset(), all.length));
    }

    @Test
    void oneDimensionalShapeIsWrittenAsAPythonTuple() throws IOException {
        Path file = dir.resolve("labels.npy");
        NpyWriter.write(file, new byte[] {1, 2, 3}, 3);
        assertTrue(Files.readString(file, StandardCharsets.ISO_8859_1).contains("'shape': (3,)"));
        assertEquals("(3,)", NpyHeader.read(file).shapeText());
    }

    @Test
    void closingAShortArrayFails() throws IOException {
        NpyWriter writer = NpyWriter.create(dir.resolve("short.npy"), 4, 2);
        writer.write(new byte[7]);
        assertThrows(IllegalStateException.class, writer::close);
    }

    @Test
    void readsFilesWrittenByNumpyInEveryFormatVersion() throws IOException, URISyntaxException {
        NpyHeader images = NpyHeader.read(fixture("numpy_images_v1.npy"));
        assertEquals(List.of(5L, 32L, 32L, 3L), images.shape());
        assertTrue(images.isUInt8());
        for (String name : List.of("numpy_labels_v2.npy", "numpy_labels_v3.npy")) {
            NpyHeader labels = NpyHeader.read(fixture(name));
            assertEquals(List.of(5L), labels.shape(), name);
            byte[] all = Files.readAllBytes(fixture(name));
            assertArrayEquals(new byte[] {3, 1, 4, 1, 5}, Arrays.copyOfRange(all, (int) labels.dataOffset(), all.length));
        }
        assertEquals("<f4", NpyHeader.read(fixture("numpy_float32.npy")).dtype());
    }

    @Test
    void rejectsFileWithoutMagicAndTruncatedHeader() throws IOException {
        Path text = Files.writeString(dir.resolve("text.npy"), "hello, world");
        assertTrue(assertThrows(BadInputException.class, () -> NpyHeader.read(text)).getMessage().contains("text.npy"));
        byte[] header = NpyWriter.header(new long[] {2});
        Path truncated = Files.write(dir.resolve("truncated.npy"), Arrays.copyOf(header, 30));
        assertThrows(BadInputException.class, () -> NpyHeader.read(truncated));
    }

    /** numpy itself loads what NpyWriter writes; skipped where python3 with numpy is not installed. */
    @Test
    void numpyLoadsWriterOutput() throws IOException, InterruptedException {
        Path file = dir.resolve("for_numpy.npy");
        byte[] data = new byte[6 * 32 * 32 * 3];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i % 253);
        NpyWriter.write(file, data, 6, 32, 32, 3);
        String script = "import numpy as np; a = np.load(r'" + file + "'); "
                + "assert a.dtype == np.uint8 and a.shape == (6, 32, 32, 3), (a.dtype, a.shape); "
                + "print(int(a.astype(np.int64).sum()), int(a[5, 31, 31, 2]))";
        Process python;
        try {
            python = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("python3 not available");
            return;
        }
        assertTrue(python.waitFor(60, TimeUnit.SECONDS));
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        Assumptions.assumeFalse(output.contains("No module named"), "numpy not installed");
        long sum = 0;
        for (byte b : data) sum += b & 0xFF;
        assertEquals(sum + " " + (data[data.length - 1] & 0xFF), output);
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(NpyTest.class.getResource("/npy/" + name).toURI());
    }
}
