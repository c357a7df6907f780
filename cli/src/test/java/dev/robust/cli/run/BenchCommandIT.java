package dev.robust.cli.run;

import dev.robust.cli.RobustCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code robust bench} end to end at the smallest size that still exercises every part: the broker, the packaged
 * augment-service, the packaged bench jar with the dl4j engine, smallcnn at 16×16, two timed steps. Asserts on the
 * markdown it appends, not on the figures (CI has two busy cores).
 */
class BenchCommandIT {
    private static final Path OUT = Path.of("target/it-bench").toAbsolutePath();
    private static final Path DOC = OUT.resolveSibling("it-bench-doc.md");
    private static String doc;
    private static String printed;

    @BeforeAll
    // A guard against a hung stack, not the target: 23 s on the quiet two-core machine, 84 s at load average 20
    // (stack start and ingest included).
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    static void benchTheSmallestModel() throws IOException {
        deleteRecursively(OUT);
        Files.deleteIfExists(DOC);
        StringWriter output = new StringWriter();
        var cli = RobustCommand.newCommandLine();
        cli.setOut(new PrintWriter(output, true));
        int exit = cli.execute("bench", "--short", "--engines", "dl4j", "--models", "smallcnn:16", "--batch", "8",
                "--warmup", "1", "--steps", "2", "--eval-images", "40", "--pairs", "64", "--imaging-seconds", "0.02",
                "--out", OUT.toString(), "--doc", DOC.toString());
        printed = output.toString();
        System.out.println(printed);
        assertEquals(0, exit, "robust bench failed; logs are in " + OUT.resolve("logs"));
        doc = Files.readString(DOC);
    }

    @Test
    void appendsDateMachineLoadAndCommand() {
        assertTrue(doc.startsWith("\n## robust bench, "), doc);
        assertTrue(doc.contains("- **Machine:** "), doc);
        assertTrue(doc.contains("- **Load average** (1 / 5 / 15 min): before "), doc);
        assertTrue(doc.contains("`./robust bench --short --engines dl4j"), doc);
        assertTrue(printed.contains(doc.trim().lines().findFirst().orElseThrow()), "the terminal shows the same");
    }

    @Test
    void trainingRowHasRatesAndANumericKafkaRatio() {
        List<String> cells = row("| dl4j | smallcnn | 16×16 |", 0);
        // engine, model, input, train raw, train fed from Kafka, Kafka / raw, inference
        assertEquals(7, cells.size(), cells.toString());
        for (int i = 3; i < 7; i++) assertPositiveNumber(cells.get(i));
        assertTrue(doc.contains("fastest engine dl4j, fed from Kafka "), doc);
    }

    @Test
    void evalRowComparesKafkaWithMemory() {
        List<String> cells = row("| dl4j | smallcnn | 16×16 |", 2);
        // engine, model, input, images per sweep, in memory, from Kafka, ratio: 40 clean + 8 × 5 gaussian_noise
        assertEquals(7, cells.size(), cells.toString());
        assertEquals("80", cells.get(3));
        for (int i = 4; i < 7; i++) assertPositiveNumber(cells.get(i));
    }

    @Test
    void computeRowIsTheBaselineForAnEngineWithoutLevers() {
        List<String> cells = row("| dl4j | smallcnn | 16×16 |", 1);
        // engine, model, input, MMAC/img, compute, train, × baseline, × bare, % limit, inference, × baseline, ...
        assertEquals(13, cells.size(), cells.toString());
        assertEquals("fp32 baseline", cells.get(4));
        assertPositiveNumber(cells.get(5));
        assertEquals("1.00", cells.get(6));
        assertEquals("—", cells.get(7), "no --peer-classpath, no bare loop");
        assertPositiveNumber(cells.get(9));
        assertEquals("1.00", cells.get(10));
        assertEquals(1, doc.lines().filter(l -> l.startsWith("| dl4j | smallcnn | 16×16 | — |")).count(), doc);
    }

    @Test
    void writesTheSameSectionUnderOut() throws IOException {
        assertEquals(doc.strip(), Files.readString(OUT.resolve("benchmarks.md")).strip());
    }

    @Test
    void pairsAndImagingRows() {
        List<String> pairs = row("| resize 18 → crop 16 |", 0);
        assertEquals("64", pairs.get(1));
        assertPositiveNumber(pairs.get(2));
        assertPositiveNumber(row("| clean view", 0).get(1));
        assertPositiveNumber(row("| noisy view", 0).get(1));
        assertPositiveNumber(row("| glass_blur |", 0).get(1));
        assertPositiveNumber(row("| saturate |", 0).get(2));
    }

    /** The cells of the {@code n}-th table row (0-based) that starts with {@code prefix}. */
    private static List<String> row(String prefix, int n) {
        List<String> rows = doc.lines().filter(line -> line.startsWith(prefix)).toList();
        assertTrue(rows.size() > n, "no row " + n + " starting with " + prefix + " in:\n" + doc);
        String row = rows.get(n);
        return Arrays.stream(row.substring(1, row.length() - 1).split("\\|")).map(String::trim).toList();
    }

    private static void assertPositiveNumber(String cell) {
        double value = Double.parseDouble(cell.replace(",", ""));
        assertTrue(value > 0 && Double.isFinite(value), cell);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(path);
        }
    }
}
