package dev.robust.common.dataset;

import dev.robust.common.BadInputException;
import dev.robust.common.image.LabeledImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Cifar10BinarySourceTest {
    @TempDir
    Path dir;

    @Test
    void convertsChannelPlanarRecordsToInterleavedImages() throws IOException {
        Fixtures.cifarBatches(dir, 3);
        List<LabeledImage> test = new Cifar10BinarySource(dir).readAll(Split.TEST);
        LabeledImage second = test.get(1);
        assertEquals(1, second.index());
        assertEquals(1, second.label());
        byte[] record = Fixtures.cifarRecord(1, 1001);
        for (int p : new int[] {0, 33, 1023}) {
            for (int c = 0; c < 3; c++) {
                assertEquals(record[1 + c * 1024 + p] & 0xFF, second.image().get(p / 32, p % 32, c));
            }
        }
    }

    @Test
    void numbersTrainImagesAcrossTheFiveBatches() throws IOException {
        Fixtures.cifarBatches(dir, 4);
        List<LabeledImage> train = new Cifar10BinarySource(dir).readAll(Split.TRAIN);
        assertEquals(20, train.size());
        for (int i = 0; i < train.size(); i++) assertEquals(i, train.get(i).index());
        assertEquals(Fixtures.cifarRecord(0, 400)[1] & 0xFF, train.get(16).image().get(0, 0, 0));
    }

    @Test
    void readsTheBatchDirectoryItsParentAndTheTarGzAlike() throws IOException {
        Path batches = Fixtures.cifarBatches(dir.resolve("src"), 2);
        Path archive = Fixtures.tarGz(batches, dir.resolve("cifar-10-binary.tar.gz"));
        List<LabeledImage> fromParent = new Cifar10BinarySource(dir.resolve("src")).readAll(Split.TRAIN);
        assertEquals(fromParent, new Cifar10BinarySource(batches).readAll(Split.TRAIN));
        assertEquals(fromParent, new Cifar10BinarySource(archive).readAll(Split.TRAIN));
        assertEquals(new Cifar10BinarySource(batches).readAll(Split.TEST),
                new Cifar10BinarySource(archive).readAll(Split.TEST));
    }

    @Test
    void rejectsBatchWhoseSizeIsNotAMultipleOfTheRecord() throws IOException {
        Path batches = Fixtures.cifarBatches(dir, 2);
        Files.write(batches.resolve("data_batch_3.bin"), new byte[3073 * 2 + 5]);
        BadInputException e = assertThrows(BadInputException.class, () -> new Cifar10BinarySource(dir));
        assertTrue(e.getMessage().contains("data_batch_3.bin") && e.getMessage().contains("3073"), e.getMessage());
    }

    @Test
    void rejectsLabelByteAboveNineNamingFileAndRecord() throws IOException {
        Path batches = Fixtures.cifarBatches(dir, 3);
        byte[] batch = Fixtures.cifarBatch(3, 0);
        batch[2 * 3073] = 10;
        Files.write(batches.resolve("test_batch.bin"), batch);
        BadInputException e = assertThrows(BadInputException.class,
                () -> new Cifar10BinarySource(dir).readAll(Split.TEST));
        assertTrue(e.getMessage().contains("test_batch.bin: record 2 has label byte 10"), e.getMessage());
    }

    @Test
    void rejectsMissingBatchAndMissingPath() throws IOException {
        Path batches = Fixtures.cifarBatches(dir, 1);
        Files.delete(batches.resolve("data_batch_5.bin"));
        BadInputException e = assertThrows(BadInputException.class, () -> new Cifar10BinarySource(dir));
        assertTrue(e.getMessage().contains("data_batch_5.bin"), e.getMessage());
        assertThrows(NoSuchFileException.class, () -> new Cifar10BinarySource(dir.resolve("nowhere")));
    }
}
