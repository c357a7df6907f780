package dev.robust.engine.dl4j.bench;

import dev.robust.engine.Batch;
import dev.robust.engine.Engine;
import dev.robust.engine.Engines;
import dev.robust.engine.Model;
import dev.robust.engine.ModelSpec;
import dev.robust.engine.dl4j.OneDnn;
import dev.robust.engine.dl4j.OneDnnSelfCheck;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Training and inference images/s of the DL4J engine through its public API (uint8 batch in, logits out), each
 * model with oneDNN helpers off and then on, at a fixed batch size. Not a test: run it by hand, see
 * docs/benchmarks.md for the command. Arguments: {@code [models] [batch] [warm-up steps] [timed steps] [helpers]},
 * e.g. {@code resnet20:32,smallcnn:32,resnet50v2:72 32 3 10 off,on}.
 *
 * <p>Helpers off is DL4J M2.1's default behaviour; it needs the self-check's opt-out, which this class sets.
 */
public final class EngineBenchmark {

    private EngineBenchmark() {
    }

    public static void main(String[] args) {
        List<String> models = List.of((args.length > 0 ? args[0] : "resnet20:32,smallcnn:32,resnet50v2:72").split(","));
        int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int timed = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        List<String> helperModes = List.of((args.length > 4 ? args[4] : "off,on").split(","));

        Engine engine = Engines.named("dl4j");
        System.out.println("backend: " + engine.backend() + "; OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS"));
        System.out.println("| model | input | oneDNN helpers | train img/s | infer img/s |");
        System.out.println("|---|---|---|---|---|");
        for (String entry : models) {
            String[] nameAndSize = entry.split(":");
            int side = Integer.parseInt(nameAndSize[1]);
            ModelSpec spec = ModelSpec.of(nameAndSize[0], side, 10, 42);
            Batch batch = randomBatch(batchSize, side);
            for (String mode : helperModes) {
                boolean helpers = mode.equals("on");
                System.setProperty(OneDnn.HELPERS_DISABLED_PROPERTY, Boolean.toString(!helpers));
                System.setProperty(OneDnnSelfCheck.REQUIRE_PROPERTY, Boolean.toString(helpers));
                Model model = engine.create(spec);
                double train = imagesPerSecond(batchSize, warmUp, timed, () -> model.trainTeacher(batch));
                double infer = imagesPerSecond(batchSize, warmUp, timed, () -> model.predict(batch));
                System.out.printf(Locale.ROOT, "| %s | %dx%d | %s | %.1f | %.1f |%n",
                        spec.architecture(), side, side, helpers ? "on" : "off", train, infer);
            }
        }
    }

    /** Median over the timed steps, after warm-up steps that let workspaces and oneDNN primitives settle. */
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
