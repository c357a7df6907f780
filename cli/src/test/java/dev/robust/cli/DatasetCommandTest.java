package dev.robust.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.robust.common.dataset.NpyWriter;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetCommandTest {
    private static final List<String> CIFAR_CLASSES = List.of(
            "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");
    private static final int RECORD = 3073;

    @TempDir
    Path dir;

    private record Result(int exitCode, String out, String err) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(out);
        }
    }

    private static Result run(String... args) {
        CommandLine cli = RobustCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    // --- fixtures -------------------------------------------------------------------------------------------

    /** CIFAR-10 batches with {@code perBatch} records each; record r has label r % 10. */
    private Path cifarBatches(int perBatch) throws IOException {
        Path batches = Files.createDirectories(dir.resolve("cifar/cifar-10-batches-bin"));
        for (String name : List.of("data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5",
                "test_batch")) {
            byte[] batch = new byte[perBatch * RECORD];
            for (int r = 0; r < perBatch; r++) batch[r * RECORD] = (byte) (r % 10);
            Files.write(batches.resolve(name + ".bin"), batch);
        }
        return batches;
    }

    private Path imageFolder(int perClass, int side) {
        Path root = dir.resolve("images");
        for (String split : List.of("train", "test")) {
            for (String name : CIFAR_CLASSES) {
                for (int i = 0; i < perClass; i++) png(root.resolve(split + "/" + name + "/" + i + ".png"), side);
            }
        }
        return root;
    }

    private static void png(Path file, int side) {
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path tarGz(Path root, String name) throws IOException {
        Path archive = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(archive);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(file));
             Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.filter(Files::isRegularFile).sorted().toList()) {
                tar.putArchiveEntry(new TarArchiveEntry(path.toFile(), "top/" + root.relativize(path)));
                Files.copy(path, tar);
                tar.closeArchiveEntry();
            }
        }
        return archive;
    }

    private Path cifar10c(int rows) throws IOException {
        Path release = Files.createDirectories(dir.resolve("CIFAR-10-C"));
        byte[] labels = new byte[rows];
        for (int r = 0; r < rows; r++) labels[r] = (byte) (r % 10);
        NpyWriter.write(release.resolve("labels.npy"), labels, rows);
        NpyWriter.write(release.resolve("fog.npy"), new byte[rows * 3072], rows, 32, 32, 3);
        NpyWriter.write(release.resolve("gaussian_noise.npy"), new byte[rows * 3072], rows, 32, 32, 3);
        return release;
    }

    // --- success --------------------------------------------------------------------------------------------

    @Test
    void inspectsCifarBinaryDirectory() throws IOException {
        cifarBatches(20);
        Result result = run("dataset", "inspect", "cifar10:" + dir.resolve("cifar"));
        assertEquals(0, result.exitCode(), result.err());
        JsonNode json = result.json();
        assertEquals("cifar10", json.get("format").asText());
        assertEquals(100, json.at("/splits/train/count").asInt());
        assertEquals(20, json.at("/splits/test/count").asInt());
        assertEquals(10, json.at("/splits/train/label_histogram/truck").asInt());
        assertEquals("[32,32,3]", json.get("image_shape").toString());
        assertEquals(CIFAR_CLASSES.size(), json.get("classes").size());
    }

    @Test
    void inspectsCifarBinaryTarGz() throws IOException {
        Path archive = tarGz(cifarBatches(10), "cifar-10-binary.tar.gz");
        Result result = run("dataset", "inspect", "cifar10:" + archive);
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(50, result.json().at("/splits/train/count").asInt());
        assertEquals(1, result.json().at("/splits/test/label_histogram/airplane").asInt());
    }

    @Test
    void inspectsImageFolderDirectoryAndTarGz() throws IOException {
        Path root = imageFolder(2, 32);
        for (String spec : List.of("imagefolder:" + root, "imagefolder:" + tarGz(root, "images.tar.gz"))) {
            Result result = run("dataset", "inspect", spec);
            assertEquals(0, result.exitCode(), spec + ": " + result.err());
            JsonNode json = result.json();
            assertEquals("imagefolder", json.get("format").asText());
            assertEquals("cifar10", json.get("label").asText());
            assertEquals(20, json.at("/splits/train/count").asInt());
            assertEquals(2, json.at("/splits/test/label_histogram/ship").asInt());
        }
    }

    @Test
    void inspectsCifar10CDirectory() throws IOException {
        Result result = run("dataset", "inspect", "cifar10c:" + cifar10c(25));
        assertEquals(0, result.exitCode(), result.err());
        JsonNode json = result.json();
        assertEquals(25, json.at("/corruptions/fog/rows").asInt());
        assertEquals("[1,2,3,4,5]", json.at("/corruptions/gaussian_noise/severities").toString());
        assertEquals(5, json.get("images_per_severity").asInt());
        assertEquals(17, json.get("missing_corruptions").size());
    }

    @Test
    void inspectsSyntheticWithItsLabel() throws IOException {
        Result result = run("dataset", "inspect", "synthetic:50");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("synthetic", result.json().get("label").asText());
        assertEquals(50, result.json().at("/splits/train/count").asInt());
        assertEquals(10, result.json().at("/splits/test/count").asInt());
    }

    // --- bad input: exit 1, one line naming the file --------------------------------------------------------

    private static void assertBadInput(Result result, String... expected) {
        assertEquals(RobustCommand.EXIT_BAD_INPUT, result.exitCode(), result.out() + result.err());
        String message = result.err().strip();
        assertEquals(1, message.lines().count(), message);
        for (String part : expected) assertTrue(message.contains(part), message);
    }

    @Test
    void rejectsBinWhoseSizeIsNotAMultipleOf3073() throws IOException {
        Path batches = cifarBatches(2);
        Files.write(batches.resolve("data_batch_2.bin"), new byte[RECORD + 1]);
        assertBadInput(run("dataset", "inspect", "cifar10:" + batches), "data_batch_2.bin", "3073");
    }

    @Test
    void rejectsLabelByteAboveNine() throws IOException {
        Path batches = cifarBatches(2);
        byte[] batch = new byte[2 * RECORD];
        batch[RECORD] = 11;
        Files.write(batches.resolve("data_batch_4.bin"), batch);
        assertBadInput(run("dataset", "inspect", "cifar10:" + batches), "data_batch_4.bin", "record 1", "11");
    }

    @Test
    void rejectsFloat32Npy() throws IOException {
        Path release = cifar10c(5);
        byte[] npy = Files.readAllBytes(release.resolve("fog.npy"));
        String text = new String(npy, java.nio.charset.StandardCharsets.ISO_8859_1).replace("|u1", "<f4");
        Files.write(release.resolve("fog.npy"), text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertBadInput(run("dataset", "inspect", "cifar10c:" + release), "fog.npy", "<f4", "(5, 32, 32, 3)");
    }

    @Test
    void rejectsChannelsFirstNpy() throws IOException {
        Path release = cifar10c(5);
        NpyWriter.write(release.resolve("fog.npy"), new byte[5 * 3072], 5, 3, 32, 32);
        assertBadInput(run("dataset", "inspect", "cifar10c:" + release), "fog.npy", "(5, 3, 32, 32)");
    }

    @Test
    void rejectsGzThatIsNotATar() throws IOException {
        Path archive = dir.resolve("images.tar.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(archive))) {
            out.write("plain text, not a tar\n".repeat(100).getBytes());
        }
        assertBadInput(run("dataset", "inspect", "imagefolder:" + archive), "images.tar.gz", "not a tar");
    }

    @Test
    void rejectsImageThatIsNot32By32() throws IOException {
        Path root = imageFolder(1, 32);
        png(root.resolve("train/cat/odd.png"), 28);
        assertBadInput(run("dataset", "inspect", "imagefolder:" + root), "odd.png", "28×28");
    }

    @Test
    void rejectsMissingPath() {
        Path missing = dir.resolve("no-such-dir");
        assertBadInput(run("dataset", "inspect", "cifar10:" + missing), missing.toString());
    }

    // --- bad usage: exit 2 ----------------------------------------------------------------------------------

    @Test
    void badUsageExitsWithTwo() {
        assertEquals(RobustCommand.EXIT_USAGE, run("dataset", "inspect").exitCode());
        assertEquals(RobustCommand.EXIT_USAGE, run("dataset", "inspect", "mnist:/data").exitCode());
        assertEquals(RobustCommand.EXIT_USAGE, run("dataset", "inspect", "synthetic:1", "extra").exitCode());
        assertEquals(RobustCommand.EXIT_USAGE, run("dataset").exitCode());
    }
}
