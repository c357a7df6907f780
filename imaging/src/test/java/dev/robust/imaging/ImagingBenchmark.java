package dev.robust.imaging;

import dev.robust.common.corruption.Corruption;
import dev.robust.common.image.UInt8Image;
import dev.robust.imaging.corruption.Corruptor;
import dev.robust.imaging.random.ImageRandom;
import dev.robust.imaging.view.TrainingViews;
import dev.robust.imaging.view.ViewConfig;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Single-thread throughput of the imaging code, for docs/benchmarks.md. Not a test (surefire runs *Test only):
 * run with {@code java -cp <test classpath> dev.robust.imaging.ImagingBenchmark [seconds-per-measurement]}.
 * Inputs are 256 varied 32×32 scenes; each measurement warms up for one period, then counts images for another.
 * Each row gives images per wall-clock second and per CPU second of the measuring thread: on a shared machine the
 * thread waits for a core part of the time, which lowers the first figure far more than the second.
 */
public final class ImagingBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ImagingBenchmark() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2.0;
        List<UInt8Image> inputs = new ArrayList<>();
        for (int i = 0; i < 256; i++) inputs.add(shifted(TestImages.scene(32, 32), i));
        TrainingViews views = new TrainingViews(ViewConfig.RECIPE);
        long[] sink = {0};
        report("clean view", seconds, i -> sink[0] += views.clean(inputs.get(i & 255), ImageRandom.forImage(1, i))
                .data()[i % 100]);
        report("noisy view", seconds, i -> sink[0] += views.noisy(inputs.get(i & 255), ImageRandom.forImage(1, i))
                .data()[i % 100]);
        for (Corruption corruption : Corruption.values()) {
            report(corruption.id() + " (severities 1-5)", seconds, i -> {
                int severity = 1 + i % 5;
                sink[0] += Corruptor.apply(corruption, severity, inputs.get(i & 255),
                        Corruptor.randomFor(1, corruption, severity, i)).data()[i % 100];
            });
        }
        System.out.println("(checksum " + sink[0] + ")");
    }

    private static void report(String name, double seconds, IntConsumer work) {
        run(work, seconds);
        double[] rates = run(work, seconds);
        System.out.printf("%-36s %,10.0f img/s wall %,10.0f img/s CPU%n", name, rates[0], rates[1]);
    }

    /** Images per wall-clock second and per CPU second of this thread. */
    private static double[] run(IntConsumer work, double seconds) {
        long start = System.nanoTime();
        long startCpu = THREADS.getCurrentThreadCpuTime();
        long deadline = start + (long) (seconds * 1e9);
        int n = 0;
        while (System.nanoTime() < deadline) {
            for (int k = 0; k < 64; k++) work.accept(n++);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = (THREADS.getCurrentThreadCpuTime() - startCpu) / 1e9;
        return new double[] {n / wall, n / cpu};
    }

    /** The scene rolled by a few pixels and tinted, so inputs differ. */
    private static UInt8Image shifted(UInt8Image scene, int k) {
        UInt8Image out = UInt8Image.zeros(32, 32, 3);
        for (int y = 0; y < 32; y++)
            for (int x = 0; x < 32; x++)
                for (int c = 0; c < 3; c++)
                    out.set(y, x, c, (scene.get((y + k) % 32, (x + 3 * k) % 32, c) + 17 * k * (c + 1)) & 0xFF);
        return out;
    }
}
