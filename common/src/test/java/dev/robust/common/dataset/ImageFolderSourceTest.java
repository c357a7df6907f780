package dev.robust.common.dataset;

import dev.robust.common.BadInputException;
import dev.robust.common.image.LabeledImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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
        for (int i = 0; i < train.size(); i++) assertEquals(i, train.get(i).index(), "delivered in index order");
        LabeledImage image = train.stream().filter(found -> found.label() == 2 && fileNumber(found) == 1)
                .findFirst().orElseThrow(); // class "truck" (label 2), file 0001.png
        int rgb = Fixtures.expectedRgb(0, 1, 5, 9); // truck was drawn as the fixture's label 0
        assertEquals(rgb >> 16 & 0xFF, image.image().get(9, 5, 0));
        assertEquals(rgb >> 8 & 0xFF, image.image().get(9, 5, 1));
        assertEquals(rgb & 0xFF, image.image().get(9, 5, 2));
    }

    @Test
    void theFirstIndicesMixTheClasses() throws IOException {
        Path root = Fixtures.imageFolder(dir.resolve("abc"), List.of("a", "b", "c"), 20);
        List<LabeledImage> test = new ImageFolderSource(root).readAll(Split.TEST);
        assertEquals(60, test.size());
        for (int i = 0; i < test.size(); i++) assertEquals(i, test.get(i).index(), "delivered in index order");
        Set<Integer> firstTwelve = test.subList(0, 12).stream().map(LabeledImage::label).collect(Collectors.toSet());
        assertEquals(Set.of(0, 1, 2), firstTwelve, "labels among indices 0..11");
        Map<Integer, Long> perClass = test.stream()
                .collect(Collectors.groupingBy(LabeledImage::label, Collectors.counting()));
        assertEquals(Map.of(0, 20L, 1, 20L, 2, 20L), perClass);
    }

    @Test
    void sameFileGetsTheSameIndexInEveryOpenAndOnEveryMachine() throws IOException {
        Path root = Fixtures.imageFolder(dir.resolve("abc"), List.of("a", "b", "c"), 20);
        Map<String, Long> first = indexByFile(new ImageFolderSource(root));
        assertEquals(first, indexByFile(new ImageFolderSource(root)));
        assertEquals(first, indexByFile(new ImageFolderSource(Fixtures.tarGz(root, dir.resolve("abc.tar.gz")))));
        // Pinned: the order is part of the data set's identity (records are keyed by index), so it must not drift
        // with the JDK, the machine or a refactoring.
        assertEquals(List.of("c/0011", "b/0012", "c/0016", "b/0014"), List.of(
                fileAt(first, 0), fileAt(first, 1), fileAt(first, 2), fileAt(first, 3)));
    }

    /** Test image index by {@code class/file number}, read back from the fixture's pixels. */
    private static Map<String, Long> indexByFile(ImageFolderSource source) throws IOException {
        Map<String, Long> indices = new HashMap<>();
        source.read(Split.TEST, image -> indices.put(
                source.classNames().get(image.label()) + "/" + String.format("%04d", fileNumber(image)), image.index()));
        return indices;
    }

    private static String fileAt(Map<String, Long> indexByFile, long index) {
        return indexByFile.entrySet().stream().filter(e -> e.getValue() == index).findFirst().orElseThrow().getKey();
    }

    /** The fixture writes an image's file number into its blue channel. */
    private static int fileNumber(LabeledImage image) {
        return image.image().get(0, 0, 2);
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
