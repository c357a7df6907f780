package dev.robust.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The FP32 peak the arithmetic-limit column divides by: given ({@code --peak-gflops}) or assumed as
 * cores × clock × {@value #FP32_FLOP_PER_CYCLE} FLOP per cycle (one 512-bit or two 256-bit fused multiply-adds per
 * cycle: 16 lanes × 2 FLOP), the clock read from /proc/cpuinfo. bf16 dot products (AVX-512 BF16) do twice the
 * multiply-adds per instruction, so a bf16 row is divided by twice the peak.
 *
 * <p>FLOP per image: 2 × the model's multiply-adds for inference; 3 × that for training (the forward pass, the
 * gradient with respect to the activations and the one with respect to the weights, each about as costly).
 */
record ArithmeticLimit(double fp32GigaFlops, String source) {
    static final int FP32_FLOP_PER_CYCLE = 32;

    static ArithmeticLimit of(OptionalDouble given) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (given.isPresent()) {
            return new ArithmeticLimit(given.getAsDouble(), "--peak-gflops");
        }
        double megahertz = clockMegahertz();
        if (Double.isNaN(megahertz)) {
            return new ArithmeticLimit(Double.NaN, "no clock in /proc/cpuinfo; give --peak-gflops");
        }
        return new ArithmeticLimit(cores * megahertz / 1000 * FP32_FLOP_PER_CYCLE, String.format(Locale.ROOT,
                "%d cores × %.2f GHz (/proc/cpuinfo) × %d FLOP/cycle", cores, megahertz / 1000, FP32_FLOP_PER_CYCLE));
    }

    /** Fraction of the peak reached at {@code imagesPerSecond} with {@code flopPerImage}. */
    double fraction(double imagesPerSecond, double flopPerImage, boolean bf16) {
        return imagesPerSecond * flopPerImage / (fp32GigaFlops * 1e9 * (bf16 ? 2 : 1));
    }

    private static double clockMegahertz() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) return Double.NaN;
        try {
            List<String> lines = Files.readAllLines(cpuinfo);
            return lines.stream().filter(l -> l.startsWith("cpu MHz")).findFirst()
                    .map(l -> Double.parseDouble(l.substring(l.indexOf(':') + 1).trim())).orElse(Double.NaN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
