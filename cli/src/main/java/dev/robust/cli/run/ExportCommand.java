package dev.robust.cli.run;

import dev.robust.common.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code robust export <checkpoint-id|file> --format onnx --out model.onnx}: a checkpoint taken out as ONNX, checked
 * against its engine with ONNX Runtime. The work runs in the bench's JVM ({@code dev.robust.bench.ExportMain}),
 * where the engines are.
 */
@Command(name = "export",
        mixinStandardHelpOptions = true,
        description = {
                "Export a checkpoint to ONNX (opset 13, input N×C×H×W float in [-1,1], 10 logits), then check the "
                        + "file: ONNX Runtime's logits against the engine's on synthetic images, within 1e-3 and the "
                        + "same top-1. Exports smallcnn, resnet20 and resnet50v2 of both engines. The result can be scored "
                        + "with 'robust submit … --preprocess [-1,1]' (32×32 models)."})
public final class ExportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "<checkpoint-id|file>",
            description = "A checkpoint file, or the id of one in --store (e.g. run-1-teacher-2).")
    String checkpoint;

    @Option(names = "--format", defaultValue = "onnx", paramLabel = "FORMAT",
            description = "Only onnx (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the model.")
    Path out;

    @Option(names = "--store", defaultValue = "checkpoints", paramLabel = "DIR",
            description = "The checkpoint store a checkpoint id is looked up in (default: ${DEFAULT-VALUE}; a run's "
                    + "is <out>/checkpoints).")
    Path store;

    @Option(names = "--check-images", defaultValue = "1000", paramLabel = "N",
            description = "Synthetic images the export is checked on (default: ${DEFAULT-VALUE}).")
    int checkImages;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!format.equals("onnx")) throw new BadInputException("--format: only 'onnx' is supported, got '" + format + "'");
        if (checkImages < 1) throw new BadInputException("--check-images must be at least 1, got " + checkImages);
        Path file = resolve();
        ProjectLayout layout = ProjectLayout.detect();
        Path jar = BenchProcess.jar(layout);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.bytedeco.javacpp.cachedir=" + layout.root().resolve("target/javacpp-cache"),
                "-cp", jar.toString(), "dev.robust.bench.ExportMain", file.toAbsolutePath().toString(),
                out.toAbsolutePath().toString(), Integer.toString(checkImages));
        Process process = new ProcessBuilder(command).inheritIO().start();
        int exit = process.waitFor();
        if (exit != 0) throw new BadInputException("export of " + file + " failed (exit " + exit + "); see above");
        return 0;
    }

    /** The checkpoint file: {@code checkpoint} itself, or the one file named {@code <id>.<ext>} in the store. */
    private Path resolve() throws IOException {
        Path direct = Path.of(checkpoint);
        if (Files.isRegularFile(direct)) return direct;
        if (!Files.isDirectory(store)) {
            throw new BadInputException(checkpoint + ": no such file, and no checkpoint store at " + store
                    + " to look the id up in (--store)");
        }
        try (Stream<Path> files = Files.find(store, 2, (path, attributes) -> attributes.isRegularFile()
                && path.getFileName().toString().startsWith(checkpoint + ".")
                && !path.getFileName().toString().endsWith(".tmp"))) {
            List<Path> found = files.toList();
            if (found.size() != 1) {
                throw new BadInputException(checkpoint + ": " + (found.isEmpty() ? "no checkpoint" : found.size()
                        + " files " + found) + " with that id in " + store);
            }
            return found.get(0);
        }
    }
}
