package dev.robust.engine.torch.bench;

import dev.robust.engine.Batch;
import dev.robust.engine.Engine;
import dev.robust.engine.Engines;
import dev.robust.engine.Logits;
import dev.robust.engine.Model;
import dev.robust.engine.ModelSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Training and inference images/s of the torch engine through its public API (uint8 batch in, logits out), at a
 * fixed batch size, median over timed steps after warm-up. Not a test: run it by hand beside the bare libtorch
 * loop, see engine-torch/README.md. Arguments: {@code [models] [batch] [warm-up steps] [timed steps] [student]},
 * e.g. {@code resnet20:32,resnet50v2:72 32 3 15}; a fifth argument {@code student} also times distillation steps.
 */
public final class TorchEngineBenchmark {

    private TorchEngineBenchmark() {
    }

    public static void main(String[] args) {
        List<String> models = List.of((args.length > 0 ? args[0] : "resnet20:32,smallcnn:32,resnet50v2:72").split(","));
        int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int timed = args.length > 3 ? Integer.parseInt(args[3]) : 15;
        boolean student = args.length > 4 && args[4].equals("student");

        Engine engine = Engines.named("torch");
        System.out.println("backend: " + engine.backend());
        System.out.println("| model | input | batch | train img/s | infer img/s |" + (student ? " student img/s |" : ""));
        System.out.println("|---|---|---|---|---|" + (student ? "---|" : ""));
        for (String entry : models) {
            String[] nameAndSize = entry.split(":");
            int side = Integer.parseInt(nameAndSize[1]);
            Model model = engine.create(ModelSpec.of(nameAndSize[0], side, 10, 42));
            Batch batch = randomBatch(batchSize, side);
            double train = imagesPerSecond(batchSize, warmUp, timed, () -> model.trainTeacher(batch));
            double infer = imagesPerSecond(batchSize, warmUp, timed, () -> model.predict(batch));
            String studentColumn = "";
            if (student) {
                Logits teacher = model.predict(batch);
                studentColumn = String.format(Locale.ROOT, " %.1f |",
                        imagesPerSecond(batchSize, warmUp, timed, () -> model.trainStudent(batch, teacher, 10.0)));
            }
            System.out.printf(Locale.ROOT, "| %s | %dx%d | %d | %.1f | %.1f |%s%n",
                    nameAndSize[0], side, side, batchSize, train, infer, studentColumn);
        }
    }

    /** Median over the timed steps, after warm-up steps that let libtorch's allocator and oneDNN settle. */
    private static double imagesPerSecond(int batchSize, int warmUp, int timed, Runnable step) {
        for (int i = 0; i < warmUp; i++) {
            step.run();
        }
        double[] seconds = new double[timed];
        for (int i = 0; i < timed; i++) {
            long start = System.nanoTime();
            step.run();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        return batchSize / seconds[timed / 2];
    }

    private static Batch randomBatch(int size, int side) {
        SplittableRandom random = new SplittableRandom(1);
        byte[] pixels = new byte[size * side * side * 3];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) random.nextInt(256);
        }
        return new Batch(pixels, random.ints(size, 0, 10).toArray(), size, side, side, 3);
    }
}
