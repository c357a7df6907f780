package dev.robust.common.dataset;

import dev.robust.common.BadInputException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A data set named on the command line or in a config: {@code cifar10:<dir|tar.gz>}, {@code imagefolder:<dir|tar.gz>},
 * {@code cifar10c:<dir>} or {@code synthetic[:N]} (N training images, N/5 test images).
 */
public record DatasetSpec(Kind kind, Path path, int trainSize) {
    /** Bounds of {@code synthetic:N}: at least a few images per class, at most what an ingest holds in memory. */
    public static final int MIN_SYNTHETIC = 10;
    public static final int MAX_SYNTHETIC = 100_000;

    public enum Kind {
        CIFAR10, IMAGEFOLDER, CIFAR10C, SYNTHETIC;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final String SYNTAX =
            "expected cifar10:<dir|tar.gz>, imagefolder:<dir|tar.gz>, cifar10c:<dir> or synthetic[:N]";

    /** Parses a spec; a malformed one is rejected with the accepted syntax. */
    public static DatasetSpec parse(String spec) {
        int colon = spec.indexOf(':');
        String kindText = colon < 0 ? spec : spec.substring(0, colon);
        String argument = colon < 0 ? "" : spec.substring(colon + 1);
        Kind kind = null;
        for (Kind candidate : Kind.values()) {
            if (candidate.id().equals(kindText)) kind = candidate;
        }
        if (kind == null) throw new BadInputException("dataset spec '" + spec + "': unknown kind; " + SYNTAX);
        if (kind == Kind.SYNTHETIC) {
            return new DatasetSpec(kind, null, argument.isEmpty() ? SyntheticSource.DEFAULT_TRAIN_SIZE
                    : syntheticSize(spec, argument));
        }
        if (argument.isEmpty()) throw new BadInputException("dataset spec '" + spec + "': missing path; " + SYNTAX);
        return new DatasetSpec(kind, Path.of(argument), 0);
    }

    /** Opens a train/test data set; not for {@code cifar10c}, which is opened with {@link #openCorruptions()}. */
    public DatasetSource open() throws IOException {
        return switch (kind) {
            case CIFAR10 -> new Cifar10BinarySource(path);
            case IMAGEFOLDER -> new ImageFolderSource(path);
            case SYNTHETIC -> SyntheticSource.ofTrainSize(trainSize);
            case CIFAR10C -> throw new BadInputException(path + ": a CIFAR-10-C directory holds corrupted test "
                    + "images only; it is not a train/test data set");
        };
    }

    public Cifar10CDirectory openCorruptions() throws IOException {
        if (kind != Kind.CIFAR10C) throw new BadInputException("dataset spec " + kind.id() + " is not cifar10c:<dir>");
        return new Cifar10CDirectory(path);
    }

    private static int syntheticSize(String spec, String argument) {
        try {
            int size = Integer.parseInt(argument);
            if (size >= MIN_SYNTHETIC && size <= MAX_SYNTHETIC) return size;
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new BadInputException("dataset spec '" + spec + "': synthetic size must be an integer "
                + MIN_SYNTHETIC + ".." + MAX_SYNTHETIC + " (an ingest holds the images in memory; " + MAX_SYNTHETIC
                + " with their test images take about 370 MB)");
    }
}
