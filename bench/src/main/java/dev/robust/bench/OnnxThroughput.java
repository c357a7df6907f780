package dev.robust.bench;

import dev.robust.common.image.Preprocessing;
import dev.robust.engine.Batch;
import dev.robust.engine.Engine;
import dev.robust.engine.Model;
import dev.robust.engine.ModelSpec;
import dev.robust.engine.onnx.OnnxExportable;
import dev.robust.eval.onnx.OnnxClassifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One checkpoint scored two ways: by its engine ({@code Model.predict}) and, exported to ONNX, by ONNX Runtime as
 * the eval-service scores an imported model ({@link OnnxClassifier}: preprocessing, layout and the session). Same
 * weights, same batches built beforehand; the two alternate for {@code --eval-rounds} rounds after one warm-up
 * each. Neither includes loading.
 */
final class OnnxThroughput {
    record Figures(Engine engine, ModelSize model, long images, double engineRate, double runtimeRate) {
        double ratio() {
            return runtimeRate / engineRate;
        }
    }

    private final BenchSettings settings;
    private final Consumer<String> progress;
    private final Path workDir;

    OnnxThroughput(BenchSettings settings, Consumer<String> progress, Path workDir) {
        this.settings = settings;
        this.progress = progress;
        this.workDir = workDir;
    }

    /** The figures, or null when the engine cannot export the model. */
    Figures measure(Engine engine, ModelSize size) throws IOException {
        Model model = engine.create(ModelSpec.of(size.architecture(), size.side(), 10, 7));
        if (!(model instanceof OnnxExportable exportable)) return null;
        if (size.side() != OnnxClassifier.SIDE) return null;
        Path file = Files.createTempFile(workDir, size.architecture(), ".onnx");
        exportable.exportOnnx(file);
        List<Batch> batches = new ArrayList<>();
        int images = settings.evalImages();
        for (int from = 0; from < images; from += settings.evalBatch()) {
            batches.add(TrainingThroughput.randomBatch(Math.min(settings.evalBatch(), images - from), size.side(),
                    from));
        }
        progress.accept(engine.name() + " " + size + ": engine vs ONNX Runtime on the same weights, "
                + settings.evalRounds() + " round(s) of " + images + " images");
        try (OnnxClassifier runtime = OnnxClassifier.open(file,
                Preprocessing.parse("preprocess", OnnxExportable.PREPROCESSING))) {
            score(batches, model::predict);
            score(batches, runtime::predict);
            long engineNanos = 0;
            long runtimeNanos = 0;
            for (int round = 0; round < settings.evalRounds(); round++) {
                engineNanos += score(batches, model::predict);
                runtimeNanos += score(batches, runtime::predict);
            }
            double total = (double) images * settings.evalRounds();
            return new Figures(engine, size, images, total / (engineNanos / 1e9), total / (runtimeNanos / 1e9));
        }
    }

    private static long score(List<Batch> batches, Consumer<Batch> predict) {
        long start = System.nanoTime();
        batches.forEach(predict);
        return System.nanoTime() - start;
    }
}
