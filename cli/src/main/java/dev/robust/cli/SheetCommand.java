package dev.robust.cli;

import dev.robust.common.BadInputException;
import dev.robust.common.corruption.Corruption;
import dev.robust.common.dataset.DatasetSpec;
import dev.robust.common.dataset.Split;
import dev.robust.common.image.LabeledImage;
import dev.robust.common.image.UInt8Image;
import dev.robust.imaging.corruption.Corruptor;
import dev.robust.imaging.random.ImageRandom;
import dev.robust.imaging.view.TrainingViews;
import dev.robust.imaging.view.ViewConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code robust sheet}: a labelled contact sheet PNG for eyeballing the imaging code — every corruption at every
 * severity next to the original, or sample images next to their clean and noisy training views.
 */
@Command(name = "sheet",
        mixinStandardHelpOptions = true,
        description = "Draw a labelled contact sheet (PNG) of the corruptions or of the training views.")
final class SheetCommand implements Callable<Integer> {
    enum Kind { corruptions, augment }

    private static final int CELL = 96;
    private static final int GAP = 6;
    private static final int LABEL_WIDTH = 150;
    private static final int HEADER = 24;
    private static final int AUGMENT_ROWS = 6;
    private static final int NOISY_SAMPLES = 3;

    @Option(names = "--kind", required = true, paramLabel = "corruptions|augment",
            description = "What to draw: ${COMPLETION-CANDIDATES}.")
    Kind kind;

    @Option(names = "--dataset", required = true, paramLabel = "<spec>", converter = DatasetCommand.SpecConverter.class,
            description = "cifar10:<dir|tar.gz>, imagefolder:<dir|tar.gz> or synthetic[:N]")
    DatasetSpec dataset;

    @Option(names = "--out", required = true, paramLabel = "<file.png>", description = "PNG file to write.")
    Path out;

    @Option(names = "--index", defaultValue = "0",
            description = "Test image to corrupt / first image to augment (default: ${DEFAULT-VALUE}).")
    int index;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws IOException {
        List<LabeledImage> images = testImages(index + AUGMENT_ROWS);
        if (index >= images.size()) {
            throw new BadInputException("--index " + index + " is past the " + images.size() + " test images");
        }
        BufferedImage sheet = kind == Kind.corruptions ? corruptionSheet(images.get(index).image())
                : augmentSheet(images.subList(index, Math.min(images.size(), index + AUGMENT_ROWS)));
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        if (!ImageIO.write(sheet, "png", out.toFile())) throw new IOException("no PNG writer available");
        command.commandLine().getErr().println("wrote " + out + " (" + sheet.getWidth() + "×" + sheet.getHeight() + ")");
        return 0;
    }

    private List<LabeledImage> testImages(int count) throws IOException {
        List<LabeledImage> images = new ArrayList<>();
        dataset.open().read(Split.TEST, image -> {
            if (images.size() < count) images.add(image);
        });
        return images;
    }

    private BufferedImage corruptionSheet(UInt8Image original) {
        List<String> columns = List.of("original", "severity 1", "severity 2", "severity 3", "severity 4", "severity 5");
        List<Corruption> rows = Corruption.all();
        Grid grid = new Grid(rows.size(), columns);
        for (int r = 0; r < rows.size(); r++) {
            Corruption corruption = rows.get(r);
            grid.label(r, corruption.id());
            grid.cell(r, 0, original);
            for (int s = 1; s <= 5; s++) {
                grid.cell(r, s, Corruptor.apply(corruption, s, original,
                        Corruptor.randomFor(seed, corruption, s, index)));
            }
        }
        return grid.image;
    }

    private BufferedImage augmentSheet(List<LabeledImage> samples) {
        TrainingViews views = new TrainingViews(ViewConfig.RECIPE);
        List<String> columns = new ArrayList<>(List.of("original 32", "clean 72"));
        for (int k = 1; k <= NOISY_SAMPLES; k++) columns.add("noisy #" + k);
        Grid grid = new Grid(samples.size(), columns);
        for (int r = 0; r < samples.size(); r++) {
            LabeledImage sample = samples.get(r);
            grid.label(r, "image " + sample.index() + " (label " + sample.label() + ")");
            grid.cell(r, 0, sample.image());
            grid.cell(r, 1, views.clean(sample.image(), ImageRandom.forImage(seed, 0, sample.index())));
            for (int k = 1; k <= NOISY_SAMPLES; k++) {
                grid.cell(r, 1 + k, views.noisy(sample.image(), ImageRandom.forImage(seed, k, sample.index())));
            }
        }
        return grid.image;
    }

    /** A white canvas with a header row of column titles and a label column; cells upscaled, nearest neighbour. */
    private static final class Grid {
        final BufferedImage image;
        private final Graphics2D g;

        Grid(int rows, List<String> columns) {
            image = new BufferedImage(LABEL_WIDTH + columns.size() * (CELL + GAP), HEADER + rows * (CELL + GAP),
                    BufferedImage.TYPE_INT_RGB);
            g = image.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.setColor(Color.BLACK);
            for (int c = 0; c < columns.size(); c++) g.drawString(columns.get(c), LABEL_WIDTH + c * (CELL + GAP), 16);
        }

        void label(int row, String text) {
            g.setColor(Color.BLACK);
            g.drawString(text, 6, HEADER + row * (CELL + GAP) + CELL / 2);
        }

        void cell(int row, int column, UInt8Image pixels) {
            g.drawImage(toAwt(pixels), LABEL_WIDTH + column * (CELL + GAP), HEADER + row * (CELL + GAP), CELL, CELL,
                    null);
        }

        private static BufferedImage toAwt(UInt8Image pixels) {
            BufferedImage awt = new BufferedImage(pixels.width(), pixels.height(), BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < pixels.height(); y++)
                for (int x = 0; x < pixels.width(); x++)
                    awt.setRGB(x, y, pixels.get(y, x, 0) << 16 | pixels.get(y, x, 1) << 8 | pixels.get(y, x, 2));
            return awt;
        }
    }
}
