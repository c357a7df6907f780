package dev.robust.common.dataset;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/** Writers for the small on-disk fixtures the dataset tests read back. */
final class Fixtures {
    private Fixtures() {
    }

    /** One CIFAR-10 record: label byte, then R, G, B planes where sample p of plane c is (seed + 7p + 50c) mod 256. */
    static byte[] cifarRecord(int label, int seed) {
        byte[] record = new byte[Cifar10BinarySource.RECORD_BYTES];
        record[0] = (byte) label;
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < 1024; p++) record[1 + c * 1024 + p] = (byte) (seed + 7 * p + 50 * c);
        }
        return record;
    }

    /** A batch of {@code records} records; record r has label r % 10 and seed {@code firstSeed + r}. */
    static byte[] cifarBatch(int records, int firstSeed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int r = 0; r < records; r++) out.writeBytes(cifarRecord(r % 10, firstSeed + r));
        return out.toByteArray();
    }

    /** {@code dir/cifar-10-batches-bin/} with 5 train batches of {@code perBatch} records and one test batch. */
    static Path cifarBatches(Path dir, int perBatch) throws IOException {
        Path batches = Files.createDirectories(dir.resolve(Cifar10BinarySource.BATCH_DIRECTORY));
        for (int b = 0; b < 5; b++) {
            Files.write(batches.resolve("data_batch_" + (b + 1) + ".bin"), cifarBatch(perBatch, 100 * b));
        }
        Files.write(batches.resolve("test_batch.bin"), cifarBatch(perBatch, 1000));
        Files.writeString(batches.resolve("batches.meta.txt"), String.join("\n", ClassNames.CIFAR10) + "\n");
        return batches;
    }

    /** Packs every file under {@code root} into a .tar.gz whose entries start with {@code root}'s name. */
    static Path tarGz(Path root, Path archive) throws IOException {
        try (OutputStream file = Files.newOutputStream(archive);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(file));
             Stream<Path> walk = Files.walk(root)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Path path : walk.sorted().toList()) {
                String name = root.getFileName() + "/" + root.relativize(path).toString().replace('\\', '/');
                TarArchiveEntry entry = new TarArchiveEntry(path.toFile(), name);
                tar.putArchiveEntry(entry);
                if (Files.isRegularFile(path)) Files.copy(path, tar);
                tar.closeArchiveEntry();
            }
        }
        return archive;
    }

    /** A PNG whose pixel (x, y) is (label·20 + x, y·8, index); PNG is lossless, so reads can be compared exactly. */
    static void png(Path file, int side, int label, int index) {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) image.setRGB(x, y, expectedRgb(label, index, x, y));
        }
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int expectedRgb(int label, int index, int x, int y) {
        return ((label * 20 + x) & 0xFF) << 16 | ((y * 8) & 0xFF) << 8 | (index & 0xFF);
    }

    /** {@code root/{train,test}/<class>/NNNN.png} with {@code perClass} images per class and split. */
    static Path imageFolder(Path root, List<String> classes, int perClass) {
        for (String split : List.of("train", "test")) {
            for (int label = 0; label < classes.size(); label++) {
                for (int i = 0; i < perClass; i++) {
                    png(root.resolve(split).resolve(classes.get(label)).resolve(String.format("%04d.png", i)),
                            32, label, i);
                }
            }
        }
        return root;
    }
}
