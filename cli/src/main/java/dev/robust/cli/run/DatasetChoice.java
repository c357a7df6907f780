package dev.robust.cli.run;

import dev.robust.common.BadInputException;
import dev.robust.common.dataset.Cifar10Download;
import dev.robust.common.dataset.DatasetSpec;
import dev.robust.common.dataset.SyntheticSource;
import dev.robust.common.profile.RunProfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides what data a run uses. Given {@code --dataset}, that; otherwise real CIFAR-10 when a copy is in the local
 * data directory or can be downloaded into it, and otherwise synthetic images — said plainly, because scores on
 * synthetic data say nothing about CIFAR-10.
 */
public final class DatasetChoice {
    /** The value of {@code --cifar10c} that generates the corruptions instead of reading released files. */
    public static final String GENERATE = "generate";
    private static final String EXTRACTED_DIR = "cifar-10-batches-bin";

    /** Fetches the CIFAR-10 archive into a directory; {@link Cifar10Download#fetch} in production. */
    @FunctionalInterface
    public interface Download {
        Path fetch(Path directory) throws IOException;
    }

    private final Path localDataDir;
    private final Path outDir;
    private final Download download;

    /**
     * @param localDataDir where a CIFAR-10 copy is looked for and downloaded to ({@code ./data})
     * @param outDir       the run's directory; the data root when no file is read
     */
    public DatasetChoice(Path localDataDir, Path outDir, Download download) {
        this.localDataDir = localDataDir.toAbsolutePath().normalize();
        this.outDir = outDir.toAbsolutePath().normalize();
        this.download = download;
    }

    /**
     * @param datasetOption  {@code --dataset}, or null for the default
     * @param cifar10cOption {@code --cifar10c}: {@value #GENERATE} or a directory
     */
    public DataPlan choose(String datasetOption, String cifar10cOption, RunProfile profile) throws IOException {
        Path cifar10c = cifar10cOption == null || cifar10cOption.equals(GENERATE)
                ? null : existing(Path.of(cifar10cOption), "--cifar10c");
        if (datasetOption != null) return explicit(datasetOption, cifar10c, profile);

        for (Path candidate : List.of(localDataDir.resolve(EXTRACTED_DIR),
                localDataDir.resolve(Cifar10Download.ARCHIVE_NAME))) {
            if (Files.exists(candidate)) {
                return plan(DatasetSpec.Kind.CIFAR10, candidate, "CIFAR-10 from " + candidate, cifar10c);
            }
        }
        try {
            Path archive = download.fetch(localDataDir);
            return plan(DatasetSpec.Kind.CIFAR10, archive, "CIFAR-10, downloaded to " + archive, cifar10c);
        } catch (IOException | BadInputException e) {
            return synthetic(syntheticSize(profile), "SYNTHETIC images: no CIFAR-10 copy in " + localDataDir
                    + " and the download failed (" + e.getMessage() + ")", cifar10c);
        }
    }

    private DataPlan explicit(String option, Path cifar10c, RunProfile profile) throws IOException {
        DatasetSpec spec = DatasetSpec.parse(option);
        return switch (spec.kind()) {
            case SYNTHETIC -> {
                int size = option.contains(":") ? spec.trainSize() : syntheticSize(profile);
                yield synthetic(size, "SYNTHETIC images (--dataset " + option + ")", cifar10c);
            }
            case CIFAR10C -> throw new BadInputException("--dataset " + option
                    + ": CIFAR-10-C holds test images only; give it with --cifar10c <dir>");
            default -> {
                Path path = existing(spec.path(), "--dataset");
                yield plan(spec.kind(), path, spec.kind().id() + " from " + path, cifar10c);
            }
        };
    }

    /**
     * Enough synthetic training images for the profile's training and validation sets, and at least enough test
     * images (a fifth of the training images) for its clean evaluation.
     */
    static int syntheticSize(RunProfile profile) {
        return Math.max(profile.trainExamples() + profile.valExamples(), 5 * profile.evalCleanImages());
    }

    private DataPlan synthetic(int size, String note, Path cifar10c) {
        Path root = cifar10c == null ? outDir.resolve("data") : cifar10c.getParent();
        return new DataPlan(root, DatasetSpec.Kind.SYNTHETIC.id() + ":" + size, SyntheticSource.LABEL, note,
                cifar10c == null ? null : root.relativize(cifar10c).toString());
    }

    private DataPlan plan(DatasetSpec.Kind kind, Path dataset, String note, Path cifar10c) {
        List<Path> read = new ArrayList<>(List.of(dataset));
        if (cifar10c != null) read.add(cifar10c);
        Path root = commonAncestor(read);
        return new DataPlan(root, kind.id() + ":" + root.relativize(dataset), kind.id(), note,
                cifar10c == null ? null : root.relativize(cifar10c).toString());
    }

    /** The deepest directory holding every path: the augment-service may read under it and nowhere else. */
    static Path commonAncestor(List<Path> paths) {
        Path ancestor = paths.get(0).getParent();
        for (Path path : paths) {
            while (!path.startsWith(ancestor) || path.equals(ancestor)) ancestor = ancestor.getParent();
        }
        return ancestor;
    }

    private static Path existing(Path path, String option) {
        Path absolute = path.toAbsolutePath().normalize();
        if (!Files.exists(absolute)) throw new BadInputException(option + " " + path + ": no such file or directory");
        return absolute;
    }
}
