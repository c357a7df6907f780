package dev.robust.common.dataset;

import dev.robust.common.BadInputException;
import dev.robust.common.image.LabeledImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageFolderSourceTest {
    @TempDir
    Path dir;

    @Test
    void cifarClassFoldersGetTheStandardLabelsAndExactPixels() throws IOException {
        Path root = Fixtures.imageFolder(dir.resolve("cifar"), List.of("truck", "airplane", "cat"), 3);
        Files.createDirectories(root.resolve("train/automobile"));
        ImageFolderSource source = new ImageFolderSource(root);
        // Only three of the ten CIFAR classes have images here, so names are sorted, not CIFAR-indexed.
        assertEquals(List.of("airplane", "cat", "truck"), source.classNames());
        List<LabeledImage> train = source.readAll(Split.TRAIN);
        assertEquals(9, train.size());
        LabeledImage image = train.get(7); // class "truck" (label 2), file 0001.png
        assertEquals(2, image.label());
        assertEquals(7, image.index());
        int rgb = Fixtures.expectedRgb(0, 1, 5, 9); // truck was drawn as the fixture's label 0
        assertEquals(rgb >> 16 & 0xFF, image.image().get(9, 5, 0));
        assertEquals(rgb >> 8 & 0xFF, image.image().get(9, 5, 1));
        assertEquals(rgb & 0xFF, image.image().get(9, 5, 2));
    }

    @Test
    void allTenCifarNamesMapToTheBinaryReleaseIndices() throws IOException {
        List<String> shuffled = List.of("truck", "ship", "horse", "frog", "dog", "deer", "cat", "bird",
                "automobile", "airplane");
        ImageFolderSource source = new ImageFolderSource(Fixtures.imageFolder(dir.resolve("c"), shuffled, 1));
        assertEquals(ClassNames.CIFAR10, source.classNames());
        assertEquals("cifar10", source.label());
    }

    @Test
    void tarGzReadsLikeTheDirectory() throws IOException {
        Path root = Fixtures.imageFolder(dir.resolve("shapes"), List.of("b", "a"), 4);
        Path archive = Fixtures.tarGz(root, dir.resolve("shapes.tar.gz"));
        ImageFolderSource fromDir = new ImageFolderSource(root);
        ImageFolderSource fromTar = new ImageFolderSource(archive);
        assertEquals("shapes", fromTar.label());
        assertEquals(List.of("a", "b"), fromTar.classNames());
        for (Split split : Split.values()) assertEquals(fromDir.readAll(split), fromTar.readAll(split));
    }

    @Test
    void rejectsImageThatIsNot32By32NamingTheFile() throws IOException {
        Path root = Fixtures.imageFolder(dir.resolve("x"), List.of("a"), 2);
        Fixtures.png(root.resolve("test/a/big.png"), 40, 0, 0);
        BadInputException e = assertThrows(BadInputException.class,
                () -> new ImageFolderSource(root).readAll(Split.TEST));
        assertTrue(e.getMessage().contains("big.png") && e.getMessage().contains("40×40"), e.getMessage());
    }

    @Test
    void rejectsGzipThatIsNotATar() throws IOException {
        Path archive = dir.resolve("images.tar.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(archive))) {
            out.write("just some text, not a tar archive at all\n".repeat(40).getBytes());
        }
        BadInputException e = assertThrows(BadInputException.class, () -> new ImageFolderSource(archive));
        assertTrue(e.getMessage().contains("images.tar.gz") && e.getMessage().contains("not a tar"), e.getMessage());
    }

    @Test
    void rejectsFolderWithoutSplitFolders() throws IOException {
        Files.createDirectories(dir.resolve("empty"));
        assertThrows(BadInputException.class, () -> new ImageFolderSource(dir.resolve("empty")));
    }
}
