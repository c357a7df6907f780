package dev.robust.common.dataset;

import dev.robust.common.BadInputException;
import dev.robust.common.corruption.Corruption;
import dev.robust.common.image.LabeledImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Cifar10CDirectoryTest {
    private static final int PER_SEVERITY = 4;
    private static final int ROWS = 5 * PER_SEVERITY;

    @TempDir
    Path dir;

    /** Row r of every image is filled with r; row r's label is r % 10. */
    private void writeRelease(Corruption... corruptions) throws IOException {
        byte[] labels = new byte[ROWS];
        for (int r = 0; r < ROWS; r++) labels[r] = (byte) (r % 10);
        NpyWriter.write(dir.resolve("labels.npy"), labels, ROWS);
        byte[] images = new byte[ROWS * 3072];
        for (int i = 0; i < images.length; i++) images[i] = (byte) (i / 3072);
        for (Corruption corruption : corruptions) {
            NpyWriter.write(dir.resolve(corruption.id() + ".npy"), images, ROWS, 32, 32, 3);
        }
    }

    @Test
    void readsSeverityMajorBlocks() throws IOException {
        writeRelease(Corruption.FOG, Corruption.SNOW);
        Cifar10CDirectory release = new Cifar10CDirectory(dir);
        assertEquals(List.of(Corruption.SNOW, Corruption.FOG), release.corruptions());
        assertEquals(ROWS, release.rows());
        List<LabeledImage> severity3 = new ArrayList<>();
        release.read(Corruption.FOG, 3, severity3::add);
        assertEquals(PER_SEVERITY, severity3.size());
        for (int i = 0; i < PER_SEVERITY; i++) {
            int row = 2 * PER_SEVERITY + i;
            assertEquals(i, severity3.get(i).index());
            assertEquals(row % 10, severity3.get(i).label());
            assertEquals(row, severity3.get(i).image().get(31, 31, 2));
        }
    }

    @Test
    void rejectsFloat32ImagesNamingFileDtypeAndShape() throws IOException {
        writeRelease();
        Path file = dir.resolve("fog.npy");
        Files.write(file, replaceDescr(NpyWriter.header(new long[] {ROWS, 32, 32, 3}), "<f4"));
        BadInputException e = assertThrows(BadInputException.class, () -> new Cifar10CDirectory(dir));
        assertTrue(e.getMessage().contains("fog.npy") && e.getMessage().contains("<f4")
                && e.getMessage().contains("(20, 32, 32, 3)"), e.getMessage());
    }

    @Test
    void rejectsChannelsFirstShape() throws IOException {
        writeRelease();
        NpyWriter.write(dir.resolve("snow.npy"), new byte[ROWS * 3072], ROWS, 3, 32, 32);
        BadInputException e = assertThrows(BadInputException.class, () -> new Cifar10CDirectory(dir));
        assertTrue(e.getMessage().contains("snow.npy") && e.getMessage().contains("(20, 3, 32, 32)"), e.getMessage());
    }

    @Test
    void rejectsRowCountThatIsNotAMultipleOfFiveAndMissingLabels() throws IOException {
        NpyWriter.write(dir.resolve("labels.npy"), new byte[7], 7);
        assertThrows(BadInputException.class, () -> new Cifar10CDirectory(dir));
        Files.delete(dir.resolve("labels.npy"));
        BadInputException e = assertThrows(BadInputException.class, () -> new Cifar10CDirectory(dir));
        assertTrue(e.getMessage().contains("labels.npy"), e.getMessage());
    }

    @Test
    void rejectsFileShorterThanItsHeaderSays() throws IOException {
        writeRelease();
        NpyWriter.write(dir.resolve("fog.npy"), new byte[ROWS * 3072], ROWS, 32, 32, 3);
        byte[] full = Files.readAllBytes(dir.resolve("fog.npy"));
        Files.write(dir.resolve("fog.npy"), java.util.Arrays.copyOf(full, full.length - 100));
        assertThrows(BadInputException.class, () -> new Cifar10CDirectory(dir));
    }

    private static byte[] replaceDescr(byte[] header, String descr) {
        String text = new String(header, java.nio.charset.StandardCharsets.ISO_8859_1).replace("|u1", descr);
        return text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
