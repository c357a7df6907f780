package dev.robust.common.dataset;

import dev.robust.common.BadInputException;
import dev.robust.common.image.LabeledImage;
import dev.robust.common.image.UInt8Image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * CIFAR-10 in its binary release: {@code data_batch_1..5.bin} (train) and {@code test_batch.bin}, each a sequence
 * of 3,073-byte records (label byte, then 1,024 red, 1,024 green and 1,024 blue samples, row-major). Accepts the
 * {@code cifar-10-batches-bin/} directory, its parent, or the {@code cifar-10-binary.tar.gz} archive. Batches of any
 * record count are accepted, so small fixtures use the same layout.
 */
public final class Cifar10BinarySource implements DatasetSource {
    public static final String FORMAT = "cifar10";
    public static final String BATCH_DIRECTORY = "cifar-10-batches-bin";
    public static final int SIDE = 32;
    public static final int IMAGE_BYTES = SIDE * SIDE * 3;
    public static final int RECORD_BYTES = 1 + IMAGE_BYTES;
    static final List<String> TRAIN_BATCHES = List.of(
            "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    static final List<String> TEST_BATCHES = List.of("test_batch.bin");

    private final Path location;

    public Cifar10BinarySource(Path location) throws IOException {
        if (!Files.exists(location)) throw new NoSuchFileException(location.toString());
        this.location = Files.isDirectory(location) ? batchDirectory(location) : location;
        if (Files.isDirectory(this.location)) {
            for (String batch : batches()) {
                Path file = this.location.resolve(batch);
                if (!Files.isRegularFile(file)) {
                    throw new BadInputException(file + ": missing CIFAR-10 batch file");
                }
                checkSize(file.toString(), Files.size(file));
            }
        }
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public String label() {
        return FORMAT;
    }

    @Override
    public List<String> classNames() {
        return ClassNames.CIFAR10;
    }

    @Override
    public List<Split> splits() {
        return List.of(Split.TRAIN, Split.TEST);
    }

    @Override
    public void read(Split split, Consumer<LabeledImage> sink) throws IOException {
        List<String> batches = split == Split.TRAIN ? TRAIN_BATCHES : TEST_BATCHES;
        long index = 0;
        if (Files.isDirectory(location)) {
            for (String batch : batches) {
                Path file = location.resolve(batch);
                index = decodeBatch(file.toString(), Files.readAllBytes(file), index, sink);
            }
        } else {
            Map<String, byte[]> members = readMembers(batches);
            for (String batch : batches) {
                index = decodeBatch(location + "!" + batch, members.get(batch), index, sink);
            }
        }
    }

    /** Decodes one batch file, numbering its images from {@code firstIndex}; returns the next free index. */
    static long decodeBatch(String name, byte[] batch, long firstIndex, Consumer<LabeledImage> sink) {
        checkSize(name, batch.length);
        int records = batch.length / RECORD_BYTES;
        for (int r = 0; r < records; r++) {
            int offset = r * RECORD_BYTES;
            int label = batch[offset] & 0xFF;
            if (label >= ClassNames.CIFAR10.size()) {
                throw new BadInputException(name + ": record " + r + " has label byte " + label
                        + ", expected 0..9");
            }
            sink.accept(new LabeledImage(firstIndex + r, label, planarToInterleaved(batch, offset + 1)));
        }
        return firstIndex + records;
    }

    /** CIFAR stores the three colour planes one after another; the project's images are interleaved (HWC). */
    private static UInt8Image planarToInterleaved(byte[] batch, int offset) {
        byte[] hwc = new byte[IMAGE_BYTES];
        int plane = SIDE * SIDE;
        for (int p = 0; p < plane; p++) {
            hwc[3 * p] = batch[offset + p];
            hwc[3 * p + 1] = batch[offset + plane + p];
            hwc[3 * p + 2] = batch[offset + 2 * plane + p];
        }
        return new UInt8Image(SIDE, SIDE, 3, hwc);
    }

    private static void checkSize(String name, long size) {
        if (size == 0 || size % RECORD_BYTES != 0) {
            throw new BadInputException(name + ": size " + size + " bytes is not a positive multiple of the "
                    + RECORD_BYTES + "-byte CIFAR-10 record");
        }
    }

    private static Path batchDirectory(Path directory) {
        Path nested = directory.resolve(BATCH_DIRECTORY);
        return Files.isDirectory(nested) ? nested : directory;
    }

    private Map<String, byte[]> readMembers(List<String> wanted) throws IOException {
        Map<String, byte[]> members = new HashMap<>();
        TarGzArchive.forEachFile(location, (name, size, content) -> {
            String base = name.substring(name.lastIndexOf('/') + 1);
            if (wanted.contains(base)) {
                checkSize(location + "!" + name, size);
                members.put(base, content.readAllBytes());
            }
        });
        List<String> missing = new ArrayList<>(wanted);
        missing.removeAll(members.keySet());
        if (!missing.isEmpty()) {
            throw new BadInputException(location + ": archive lacks CIFAR-10 batch file(s) " + missing);
        }
        return members;
    }

    private static List<String> batches() {
        List<String> all = new ArrayList<>(TRAIN_BATCHES);
        all.addAll(TEST_BATCHES);
        return all;
    }
}
