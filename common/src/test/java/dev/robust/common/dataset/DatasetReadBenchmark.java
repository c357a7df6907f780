package dev.robust.common.dataset;

import java.io.IOException;

/**
 * Measures how fast a data set spec is read and decoded (not a test: run it by hand, see docs/benchmarks.md).
 * Usage: {@code DatasetReadBenchmark <spec> [repeats]}.
 */
public final class DatasetReadBenchmark {
    private DatasetReadBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: DatasetReadBenchmark <dataset spec, e.g. imagefolder:cifar10-jpeg.tar.gz> [repeats]");
            System.exit(2);
        }
        String spec = args[0];
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        for (int run = 1; run <= repeats; run++) {
            long start = System.nanoTime();
            DatasetSource source = DatasetSpec.parse(spec).open();
            long[] images = {0};
            for (Split split : source.splits()) source.read(split, image -> images[0]++);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("run %d: %d images in %.2f s = %.0f images/s (%d cores)%n", run, images[0], seconds,
                    images[0] / seconds, Runtime.getRuntime().availableProcessors());
        }
    }
}
