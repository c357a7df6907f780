package dev.robust.common.dataset;

import dev.robust.common.BadInputException;
import dev.robust.common.corruption.Corruption;
import dev.robust.common.image.LabeledImage;
import dev.robust.common.image.UInt8Image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * CIFAR-10-C in its released layout: a directory of {@code <corruption>.npy} (uint8, C order, shape (N, 32, 32, 3),
 * rows severity-major: the first N/5 rows are severity 1, ..., the last N/5 severity 5) and {@code labels.npy}
 * (uint8, shape (N,)). Not every corruption has to be present. All headers are checked when the directory is
 * opened; pixel data is read on demand, one severity block at a time.
 */
public final class Cifar10CDirectory {
    public static final String FORMAT = "cifar10c";
    public static final String LABELS_FILE = "labels.npy";
    private static final int SIDE = 32;
    private static final int CHANNELS = 3;
    private static final int IMAGE_BYTES = SIDE * SIDE * CHANNELS;
    private static final int SEVERITIES = Corruption.MAX_SEVERITY;
    private static final int ROWS_PER_READ = 1024;

    private final Path directory;
    private final byte[] labels;
    private final Map<Corruption, NpyHeader> corruptions = new EnumMap<>(Corruption.class);

    public Cifar10CDirectory(Path directory) throws IOException {
        if (!Files.exists(directory)) throw new NoSuchFileException(directory.toString());
        if (!Files.isDirectory(directory)) {
            throw new BadInputException(directory + ": expected a directory of <corruption>.npy and labels.npy");
        }
        this.directory = directory;
        Path labelsFile = directory.resolve(LABELS_FILE);
        if (!Files.isRegularFile(labelsFile)) throw new BadInputException(labelsFile + ": missing");
        NpyHeader labelsHeader = NpyHeader.read(labelsFile);
        if (!labelsHeader.isUInt8() || labelsHeader.fortranOrder() || labelsHeader.shape().size() != 1
                || labelsHeader.shape().get(0) % SEVERITIES != 0 || labelsHeader.shape().get(0) == 0) {
            throw rejected(labelsFile, labelsHeader, "uint8 labels of shape (N,) with N a positive multiple of 5");
        }
        checkDataSize(labelsFile, labelsHeader);
        this.labels = readLabels(labelsFile, labelsHeader);
        for (Corruption corruption : Corruption.values()) {
            Path file = file(corruption);
            if (Files.isRegularFile(file)) corruptions.put(corruption, checkImages(file, labels.length));
        }
        if (corruptions.isEmpty()) {
            throw new BadInputException(directory + ": no <corruption>.npy files (e.g. gaussian_noise.npy)");
        }
    }

    public Path directory() {
        return directory;
    }

    /** The corruptions present, in release order. */
    public List<Corruption> corruptions() {
        return Collections.unmodifiableList(new ArrayList<>(corruptions.keySet()));
    }

    /** Rows per corruption file (N): five severity blocks. */
    public int rows() {
        return labels.length;
    }

    public int imagesPerSeverity() {
        return labels.length / SEVERITIES;
    }

    /** The label of every row (a copy). */
    public byte[] labels() {
        return labels.clone();
    }

    /**
     * Streams the images of one corruption at one severity (1..5) in row order; indices run from 0 within the
     * severity block, i.e. they are the clean test set's indices.
     */
    public void read(Corruption corruption, int severity, Consumer<LabeledImage> sink) throws IOException {
        NpyHeader header = corruptions.get(corruption);
        if (header == null) throw new BadInputException(file(corruption) + ": missing");
        if (severity < Corruption.MIN_SEVERITY || severity > SEVERITIES) {
            throw new IllegalArgumentException("severity must be 1..5, got " + severity);
        }
        int perSeverity = imagesPerSeverity();
        int firstRow = (severity - 1) * perSeverity;
        try (FileChannel channel = FileChannel.open(file(corruption), StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(ROWS_PER_READ * IMAGE_BYTES);
            for (int start = 0; start < perSeverity; start += ROWS_PER_READ) {
                int count = Math.min(ROWS_PER_READ, perSeverity - start);
                buffer.clear().limit(count * IMAGE_BYTES);
                long position = header.dataOffset() + (long) (firstRow + start) * IMAGE_BYTES;
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, position + buffer.position()) < 0) {
                        throw new BadInputException(file(corruption) + ": truncated");
                    }
                }
                byte[] block = buffer.array();
                for (int r = 0; r < count; r++) {
                    byte[] pixels = Arrays.copyOfRange(block, r * IMAGE_BYTES, (r + 1) * IMAGE_BYTES);
                    sink.accept(new LabeledImage(start + r, labels[firstRow + start + r] & 0xFF,
                            new UInt8Image(SIDE, SIDE, CHANNELS, pixels)));
                }
            }
        }
    }

    private Path file(Corruption corruption) {
        return directory.resolve(corruption.id() + ".npy");
    }

    private static NpyHeader checkImages(Path file, int labelRows) throws IOException {
        NpyHeader header = NpyHeader.read(file);
        List<Long> shape = header.shape();
        boolean imageShape = shape.size() == 4 && shape.get(1) == SIDE && shape.get(2) == SIDE
                && shape.get(3) == CHANNELS && shape.get(0) > 0 && shape.get(0) % SEVERITIES == 0;
        if (!header.isUInt8() || header.fortranOrder() || !imageShape) {
            throw rejected(file, header, "uint8 C-order images of shape (N, 32, 32, 3) with N a multiple of 5");
        }
        if (shape.get(0) != labelRows) {
            throw new BadInputException(file + ": " + shape.get(0) + " rows but " + LABELS_FILE + " has "
                    + labelRows + " labels");
        }
        checkDataSize(file, header);
        return header;
    }

    private static BadInputException rejected(Path file, NpyHeader header, String expected) {
        return new BadInputException(file + ": dtype " + header.dtype() + (header.fortranOrder() ? " (Fortran order)" : "")
                + ", shape " + header.shapeText() + "; expected " + expected);
    }

    private static void checkDataSize(Path file, NpyHeader header) throws IOException {
        long expected = header.dataOffset() + header.elementCount();
        long actual = Files.size(file);
        if (actual != expected) {
            throw new BadInputException(file + ": " + actual + " bytes, but its header " + header.shapeText()
                    + " needs " + expected);
        }
    }

    private static byte[] readLabels(Path file, NpyHeader header) throws IOException {
        byte[] all = Files.readAllBytes(file);
        byte[] labels = Arrays.copyOfRange(all, (int) header.dataOffset(), all.length);
        for (int i = 0; i < labels.length; i++) {
            if ((labels[i] & 0xFF) >= ClassNames.CIFAR10.size()) {
                throw new BadInputException(file + ": label " + (labels[i] & 0xFF) + " at row " + i
                        + ", expected 0..9");
            }
        }
        return labels;
    }
}
