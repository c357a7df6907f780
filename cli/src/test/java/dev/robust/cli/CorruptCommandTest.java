package dev.robust.cli;

import dev.robust.common.corruption.Corruption;
import dev.robust.common.dataset.Cifar10CDirectory;
import dev.robust.common.dataset.ImageFolderSource;
import dev.robust.common.dataset.Split;
import dev.robust.common.image.LabeledImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorruptCommandTest {
    @TempDir
    Path dir;

    private record Result(int exitCode, String err) {
    }

    private static Result run(String... args) {
        CommandLine cli = RobustCommand.newCommandLine();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));
        return new Result(cli.execute(args), err.toString());
    }

    /** An image folder with a test split of {@code perClass} 32×32 PNGs in each of two classes. */
    private Path imageFolder(int perClass) throws IOException {
        Path root = dir.resolve("images");
        for (String cls : List.of("cat", "dog")) {
            Path folder = Files.createDirectories(root.resolve("test").resolve(cls));
            for (int i = 0; i < perClass; i++) {
                BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 32; y++)
                    for (int x = 0; x < 32; x++) image.setRGB(x, y, (x * 8) << 16 | (y * 8) << 8 | (i * 40 + 30));
                ImageIO.write(image, "png", folder.resolve(String.format("%04d.png", i)).toFile());
            }
        }
        return root;
    }

    @Test
    void writesTheReleasedLayoutReadableByTheCifar10CReader() throws IOException {
        Path out = dir.resolve("c10c");
        Path images = imageFolder(3);
        Result result = run("corrupt", "--dataset", "imagefolder:" + images, "--out", out.toString(),
                "--corruptions", "fog,pixelate,jpeg_compression", "--seed", "7");
        assertEquals(0, result.exitCode(), result.err());

        Cifar10CDirectory c10c = new Cifar10CDirectory(out);
        assertEquals(List.of(Corruption.FOG, Corruption.PIXELATE, Corruption.JPEG_COMPRESSION), c10c.corruptions());
        assertEquals(30, c10c.rows());
        byte[] labels = c10c.labels();
        List<LabeledImage> clean = new ImageFolderSource(images).readAll(Split.TEST);
        for (int s = 0; s < 5; s++)
            for (int i = 0; i < 6; i++) {
                assertEquals(clean.get(i).label(), labels[s * 6 + i], "label of row " + (s * 6 + i));
            }
        List<LabeledImage> mild = new ArrayList<>();
        List<LabeledImage> strong = new ArrayList<>();
        c10c.read(Corruption.FOG, 1, mild::add);
        c10c.read(Corruption.FOG, 5, strong::add);
        assertEquals(6, mild.size());
        assertFalse(mild.get(0).image().equals(strong.get(0).image()));
        assertTrue(result.err().contains("100%"), "progress bar: " + result.err());
        try (Stream<Path> siblings = Files.list(dir)) {
            assertEquals(List.of("c10c", "images"), siblings.map(p -> p.getFileName().toString()).sorted().toList(),
                    "the staging directory is gone");
        }
    }

    @Test
    void sameSeedWritesIdenticalFiles() throws IOException {
        Path images = imageFolder(2);
        for (String name : List.of("a", "b")) {
            assertEquals(0, run("corrupt", "--dataset", "imagefolder:" + images, "--out", dir.resolve(name).toString(),
                    "--corruptions", "gaussian_noise,glass_blur", "--severities", "2-3", "--seed", "5").exitCode());
        }
        for (String file : List.of("gaussian_noise.npy", "glass_blur.npy", "labels.npy")) {
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(dir.resolve("a").resolve(file)),
                    Files.readAllBytes(dir.resolve("b").resolve(file))), file);
        }
        // Two severities of four images: 8 rows of 32·32·3 bytes after the 128-byte header.
        assertEquals(128 + 8 * 3072, Files.size(dir.resolve("a/glass_blur.npy")));
    }

    @Test
    void refusesNonEmptyOutputWithoutForce() throws IOException {
        Path images = imageFolder(1);
        Path out = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        Result refused = run("corrupt", "--dataset", "imagefolder:" + images, "--out", out.toString(),
                "--corruptions", "contrast");
        assertEquals(RobustCommand.EXIT_BAD_INPUT, refused.exitCode());
        assertTrue(refused.err().contains("not empty") && refused.err().contains("--force"), refused.err());
        assertTrue(Files.exists(out.resolve("keep.txt")));

        assertEquals(0, run("corrupt", "--dataset", "imagefolder:" + images, "--out", out.toString(),
                "--corruptions", "contrast", "--force").exitCode());
        assertFalse(Files.exists(out.resolve("keep.txt")));
        assertTrue(Files.exists(out.resolve("contrast.npy")));
    }

    @Test
    void unknownCorruptionIsAUsageErrorListingTheValidNames() throws IOException {
        Result result = run("corrupt", "--dataset", "imagefolder:" + imageFolder(1), "--out",
                dir.resolve("x").toString(), "--corruptions", "fog,hail");
        assertEquals(RobustCommand.EXIT_USAGE, result.exitCode());
        assertTrue(result.err().contains("'hail'") && result.err().contains("gaussian_noise")
                && result.err().contains("saturate"), result.err());
        assertFalse(Files.exists(dir.resolve("x")));
    }

    @Test
    void severitiesOutsideOneToFiveAreRejected() throws IOException {
        Path images = imageFolder(1);
        for (String bad : List.of("0-3", "6", "1-7", "3-1", "x")) {
            Result result = run("corrupt", "--dataset", "imagefolder:" + images, "--out", dir.resolve("x").toString(),
                    "--severities", bad);
            assertEquals(RobustCommand.EXIT_USAGE, result.exitCode(), bad);
            assertTrue(result.err().contains("1 to 5"), result.err());
        }
    }

    @Test
    void sheetWritesAPngOfEveryCorruption() throws IOException {
        Path images = imageFolder(4);
        Path png = dir.resolve("sheets/corruptions.png");
        assertEquals(0, run("sheet", "--kind", "corruptions", "--dataset", "imagefolder:" + images,
                "--out", png.toString()).exitCode());
        BufferedImage sheet = ImageIO.read(png.toFile());
        assertTrue(sheet.getHeight() > 19 * 96, "19 rows of upscaled cells, height " + sheet.getHeight());
        Path augment = dir.resolve("augment.png");
        assertEquals(0, run("sheet", "--kind", "augment", "--dataset", "imagefolder:" + images,
                "--out", augment.toString()).exitCode());
        assertTrue(ImageIO.read(augment.toFile()).getWidth() > 5 * 96);
    }
}
