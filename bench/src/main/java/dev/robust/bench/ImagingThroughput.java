package dev.robust.bench;

import dev.robust.common.corruption.Corruption;
import dev.robust.common.dataset.Split;
import dev.robust.common.dataset.SyntheticSource;
import dev.robust.common.image.UInt8Image;
import dev.robust.imaging.corruption.Corruptor;
import dev.robust.imaging.random.ImageRandom;
import dev.robust.imaging.view.TrainingViews;
import dev.robust.imaging.view.ViewConfig;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Single-thread throughput of the imaging code: the recipe's clean view (flip → resize 96 → crop 72), the noisy
 * view (clean + RandAugment 2 × M9), and each corruption cycling through severities 1–5, on 256 varied synthetic
 * 32×32 images. Each row warms up for one period, then counts for another, and gives images per wall-clock second
 * and per CPU second of the measuring thread: on a shared machine the thread waits for a core part of the time,
 * which lowers the first figure far more than the second.
 */
final class ImagingThroughput {
    record Row(String operation, double wallRate, double cpuRate) {
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int INPUTS = 256;

    private final double seconds;
    private final Consumer<String> progress;
    private long sink;

    ImagingThroughput(double seconds, Consumer<String> progress) {
        this.seconds = seconds;
        this.progress = progress;
    }

    List<Row> measure() {
        SyntheticSource source = new SyntheticSource(SyntheticSource.DEFAULT_SEED, INPUTS, 0);
        List<UInt8Image> inputs = new ArrayList<>();
        for (int i = 0; i < INPUTS; i++) inputs.add(source.image(Split.TRAIN, i).image());
        TrainingViews views = new TrainingViews(ViewConfig.RECIPE);
        progress.accept("imaging: views and " + Corruption.values().length + " corruptions, " + seconds
                + " s + " + seconds + " s each, one thread");
        List<Row> rows = new ArrayList<>();
        rows.add(row("clean view (flip → resize 96 → crop 72)",
                i -> sink += views.clean(inputs.get(i % INPUTS), ImageRandom.forImage(1, i)).data()[i % 100]));
        rows.add(row("noisy view (clean view + RandAugment 2 × M9)",
                i -> sink += views.noisy(inputs.get(i % INPUTS), ImageRandom.forImage(1, i)).data()[i % 100]));
        for (Corruption corruption : Corruption.values()) {
            rows.add(row(corruption.id(), i -> {
                int severity = 1 + i % 5;
                sink += Corruptor.apply(corruption, severity, inputs.get(i % INPUTS),
                        Corruptor.randomFor(1, corruption, severity, i)).data()[i % 100];
            }));
        }
        return rows;
    }

    private Row row(String name, IntConsumer work) {
        run(work);
        double[] rates = run(work);
        return new Row(name, rates[0], rates[1]);
    }

    /** Images per wall-clock second and per CPU second of this thread. */
    private double[] run(IntConsumer work) {
        long start = System.nanoTime();
        long startCpu = THREADS.getCurrentThreadCpuTime();
        long deadline = start + (long) (seconds * 1e9);
        int n = 0;
        while (System.nanoTime() < deadline) {
            for (int k = 0; k < 16; k++) work.accept(n++);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = (THREADS.getCurrentThreadCpuTime() - startCpu) / 1e9;
        return new double[] {n / wall, n / cpu};
    }
}
