package dev.robust.bench;

import dev.robust.common.image.Preprocessing;
import dev.robust.engine.Batch;
import dev.robust.engine.Engine;
import dev.robust.engine.Engines;
import dev.robust.engine.Logits;
import dev.robust.engine.Model;
import dev.robust.engine.onnx.OnnxExportable;
import dev.robust.eval.onnx.OnnxClassifier;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code robust export}'s JVM (the engines live in the bench's class path, never in the CLI's): loads a checkpoint
 * with the engine whose format its extension names, writes it as ONNX, and checks the file the way the eval-service
 * will score it — ONNX Runtime's logits against the engine's on synthetic images, within 1e-3 and the same top-1 —
 * before saying it is done. Arguments: {@code <checkpoint file> <out.onnx> [images to check]}. Exit 1 on failure.
 */
public final class ExportMain {
    private static final double TOLERANCE = 1e-3;
    private static final int BATCH = 100;

    private ExportMain() {
    }

    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: ExportMain <checkpoint file> <out.onnx> [images to check]");
            System.exit(2);
        }
        try {
            export(Path.of(args[0]), Path.of(args[1]), args.length == 3 ? Integer.parseInt(args[2]) : 1000);
        } catch (Exception e) {
            System.err.println("export: " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }

    static void export(Path checkpoint, Path out, int images) throws Exception {
        String name = checkpoint.getFileName().toString();
        String extension = name.substring(name.lastIndexOf('.') + 1);
        Engine engine = Engines.available().stream().filter(e -> e.checkpointFormat().equals(extension)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(checkpoint + ": no engine writes '." + extension
                        + "' checkpoints (known: " + Engines.available().stream()
                        .map(e -> e.name() + " ." + e.checkpointFormat()).toList() + ")"));
        Model model = engine.load(checkpoint);
        if (!(model instanceof OnnxExportable exportable)) {
            throw new UnsupportedOperationException("engine " + engine.name() + " cannot export to ONNX yet");
        }
        exportable.exportOnnx(out);
        System.out.printf(Locale.ROOT, "wrote %s (%d bytes): %s %s, input N×%d×%d×%d float, preprocessing %s%n",
                out, Files.size(out), engine.name(), model.spec().architecture(), model.spec().channels(),
                model.spec().height(), model.spec().width(), OnnxExportable.PREPROCESSING);
        if (model.spec().height() != OnnxClassifier.SIDE || model.spec().width() != OnnxClassifier.SIDE) {
            System.out.println("not checked with ONNX Runtime: the eval-service imports 32×32 models, this one takes "
                    + model.spec().height() + "×" + model.spec().width());
            return;
        }
        check(model, out, images);
    }

    private static void check(Model model, Path out, int images) {
        double largest = 0;
        long disagreements = 0;
        try (OnnxClassifier runtime = OnnxClassifier.open(out,
                Preprocessing.parse("preprocess", OnnxExportable.PREPROCESSING))) {
            for (int from = 0; from < images; from += BATCH) {
                Batch batch = TrainingThroughput.randomBatch(Math.min(BATCH, images - from), OnnxClassifier.SIDE,
                        from);
                Logits expected = model.predict(batch);
                Logits actual = runtime.predict(batch);
                for (int row = 0; row < batch.size(); row++) {
                    if (expected.predictedClass(row) != actual.predictedClass(row)) disagreements++;
                    for (int c = 0; c < expected.classes(); c++) {
                        largest = Math.max(largest, Math.abs(expected.get(row, c) - actual.get(row, c)));
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "checked with ONNX Runtime %s on %d synthetic images: largest logit "
                + "difference %.2e, top-1 differs on %d%n", OnnxClassifier.runtimeVersion(), images, largest,
                disagreements);
        if (largest > TOLERANCE || disagreements > 0) {
            throw new IllegalStateException("the ONNX file does not compute what the checkpoint does (tolerance "
                    + TOLERANCE + ")");
        }
    }
}
