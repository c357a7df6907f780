package dev.robust.cli;

import dev.robust.common.BadInputException;
import dev.robust.common.corruption.Corruption;
import dev.robust.common.dataset.Cifar10CDirectory;
import dev.robust.common.dataset.DatasetSpec;
import dev.robust.common.dataset.NpyWriter;
import dev.robust.common.dataset.Split;
import dev.robust.common.image.LabeledImage;
import dev.robust.common.image.UInt8Image;
import dev.robust.imaging.corruption.Corruptor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * {@code robust corrupt}: generates CIFAR-10-C from a data set's images in the released layout — one
 * {@code <corruption>.npy} (rows severity-major) per corruption plus {@code labels.npy}. Everything is written to a
 * temporary directory beside {@code --out} and renamed into place only when complete.
 */
@Command(name = "corrupt",
        mixinStandardHelpOptions = true,
        description = "Generate CIFAR-10-C (the released .npy layout) from a data set's 32×32 images.")
final class CorruptCommand implements Callable<Integer> {
    private static final int IMAGE_BYTES = 32 * 32 * 3;

    @Option(names = "--dataset", required = true, paramLabel = "<spec>", converter = DatasetCommand.SpecConverter.class,
            description = "cifar10:<dir|tar.gz>, imagefolder:<dir|tar.gz> or synthetic[:N]")
    DatasetSpec dataset;

    @Option(names = "--split", defaultValue = "test", paramLabel = "train|test",
            description = "Split to corrupt (default: ${DEFAULT-VALUE}).", converter = SplitConverter.class)
    Split split;

    @Option(names = "--out", required = true, paramLabel = "<dir>", description = "Output directory.")
    Path out;

    @Option(names = "--corruptions", defaultValue = "all", paramLabel = "all|a,b,c",
            converter = CorruptionSelection.Corruptions.class,
            description = "Corruptions to generate (default: all 19).")
    List<Corruption> corruptions;

    @Option(names = "--severities", defaultValue = "1-5", paramLabel = "1-5",
            converter = CorruptionSelection.Severities.class,
            description = "Severities, e.g. 1-5, 3 or 1,3,5 (default: ${DEFAULT-VALUE}).")
    List<Integer> severities;

    @Option(names = "--limit", paramLabel = "N", description = "Use only the first N images of the split.")
    Integer limit;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all processors).")
    Integer threads;

    @Option(names = "--force", description = "Replace a non-empty output directory.")
    boolean force;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (limit != null && limit < 1) {
            throw new CommandLine.ParameterException(command.commandLine(), "--limit must be >= 1, got " + limit);
        }
        checkOutputDirectory();
        List<LabeledImage> images = loadImages();
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, "." + out.getFileName() + ".partial-");
        try {
            double seconds = generate(images, staging);
            replaceOutput(staging);
            command.commandLine().getErr().printf("wrote %d corruption(s) × %d severities × %,d images to %s in %.1f s%n",
                    corruptions.size(), severities.size(), images.size(), out, seconds);
            command.commandLine().getErr().flush();
            return 0;
        } finally {
            deleteRecursively(staging);
        }
    }

    private void checkOutputDirectory() throws IOException {
        if (!Files.exists(out)) return;
        if (!Files.isDirectory(out)) throw new BadInputException(out + ": exists and is not a directory");
        try (Stream<Path> entries = Files.list(out)) {
            if (entries.findAny().isPresent() && !force) {
                throw new BadInputException(out + ": directory is not empty; use --force to replace it");
            }
        }
    }

    private List<LabeledImage> loadImages() throws IOException {
        List<LabeledImage> images = new ArrayList<>();
        int max = limit == null ? Integer.MAX_VALUE : limit;
        dataset.open().read(split, image -> {
            if (images.size() >= max) return;
            UInt8Image pixels = image.image();
            if (pixels.height() != 32 || pixels.width() != 32 || pixels.channels() != 3) {
                throw new BadInputException(dataset.kind().id() + " image " + image.index() + " of the " + split.id()
                        + " split is " + pixels + "; CIFAR-10-C corruptions need 32×32×3 images");
            }
            images.add(image);
        });
        if (images.isEmpty()) throw new BadInputException("the " + split.id() + " split of the data set is empty");
        return images;
    }

    private double generate(List<LabeledImage> images, Path staging) throws IOException, InterruptedException {
        int n = images.size();
        byte[] labels = new byte[n * severities.size()];
        for (int s = 0; s < severities.size(); s++)
            for (int i = 0; i < n; i++) labels[s * n + i] = (byte) images.get(i).label();
        NpyWriter.write(staging.resolve(Cifar10CDirectory.LABELS_FILE), labels, labels.length);

        ProgressBar progress = new ProgressBar(command.commandLine().getErr(),
                (long) corruptions.size() * severities.size() * n);
        ForkJoinPool pool = new ForkJoinPool(threads == null ? Runtime.getRuntime().availableProcessors() : threads);
        try {
            long done = 0;
            byte[] block = new byte[n * IMAGE_BYTES];
            for (Corruption corruption : corruptions) {
                try (NpyWriter writer = NpyWriter.create(staging.resolve(corruption.id() + ".npy"),
                        (long) n * severities.size(), 32, 32, 3)) {
                    for (int severity : severities) {
                        progress.update(done, corruption.id() + " s" + severity);
                        corruptBlock(pool, images, corruption, severity, block);
                        writer.write(block);
                        done += n;
                    }
                }
            }
            progress.update(done, "done");
            return progress.finish();
        } finally {
            pool.shutdownNow();
        }
    }

    private void corruptBlock(ForkJoinPool pool, List<LabeledImage> images, Corruption corruption, int severity,
                              byte[] block) throws InterruptedException {
        try {
            pool.submit(() -> IntStream.range(0, images.size()).parallel().forEach(i -> {
                LabeledImage image = images.get(i);
                UInt8Image corrupted = Corruptor.apply(corruption, severity, image.image(),
                        Corruptor.randomFor(seed, corruption, severity, image.index()));
                System.arraycopy(corrupted.data(), 0, block, i * IMAGE_BYTES, IMAGE_BYTES);
            })).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(corruption.id() + " at severity " + severity + " failed", e.getCause());
        }
    }

    private void replaceOutput(Path staging) throws IOException {
        if (Files.exists(out)) deleteRecursively(out);
        Files.move(staging, out, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    static final class SplitConverter implements CommandLine.ITypeConverter<Split> {
        @Override
        public Split convert(String value) {
            for (Split split : Split.values()) if (split.id().equals(value)) return split;
            throw new CommandLine.TypeConversionException("split '" + value + "': expected train or test");
        }
    }
}
