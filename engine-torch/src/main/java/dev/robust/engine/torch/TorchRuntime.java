package dev.robust.engine.torch;

import dev.robust.engine.BackendDescription;
import dev.robust.engine.Precision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.pytorch.global.torch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Process-wide libtorch settings, applied once before the first model: the number of intra-op threads libtorch's
 * CPU kernels use is the system property {@value #THREADS_PROPERTY}, by default every available processor.
 * libtorch keeps one such setting per process, so every torch model in a JVM shares it.
 */
final class TorchRuntime {

    static final String THREADS_PROPERTY = "robust.engine.torch.threads";

    private static final Logger LOG = LoggerFactory.getLogger(TorchRuntime.class);

    /** CPU flags of instructions that compute bf16 dot products (AVX-512 BF16, AMX). */
    private static final List<String> BF16_FLAGS = List.of("avx512_bf16", "amx_bf16");

    private static BackendDescription backend;
    private static String bf16Flag;

    private TorchRuntime() {
    }

    /** Loads libtorch and applies the thread setting, once; returns what runs. */
    static synchronized BackendDescription initialise() {
        if (backend == null) {
            int threads = configuredThreads();
            torch.set_num_threads(threads);
            boolean onednn = torch.hasMKLDNN() && torch.globalContext().userEnabledMkldnn();
            bf16Flag = cpuFlags().stream().filter(BF16_FLAGS::contains).findFirst().orElse(null);
            backend = new BackendDescription(
                    "libtorch 2.10.0 (JavaCPP " + javacppVersion() + ")",
                    "cpu",
                    onednn,
                    "threads=" + torch.get_num_threads() + " (" + THREADS_PROPERTY + "), cores="
                            + Runtime.getRuntime().availableProcessors() + ", bf16="
                            + (bf16Flag == null ? "no" : "yes (" + bf16Flag + ")"));
            LOG.info("torch engine backend: {}", backend);
        }
        return backend;
    }

    /** Whether this CPU has bf16 dot-product instructions; {@link #initialise()} first. */
    static synchronized boolean bf16Supported() {
        initialise();
        return bf16Flag != null;
    }

    /**
     * The precision a model asked for {@code requested} runs in, said in one log line: bf16 only where the CPU
     * reports bf16 instructions, else FP32.
     */
    static Precision precision(Precision requested) {
        if (requested == Precision.BF16 && !bf16Supported()) {
            LOG.warn("torch engine: precision fp32, although bf16 was asked for: this CPU reports none of {} in "
                    + "/proc/cpuinfo", BF16_FLAGS);
            return Precision.FP32;
        }
        LOG.info("torch engine: precision {}{}", requested.id(), requested == Precision.BF16
                ? " (autocast of convolutions and matrix products; CPU has " + bf16Flag + ")"
                : " (as asked)");
        return requested;
    }

    /** The flags of the first processor in /proc/cpuinfo; none where there is no such file. */
    private static List<String> cpuFlags() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(line -> line.startsWith("flags")).findFirst()
                    .map(line -> List.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+")))
                    .orElse(List.of());
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("torch engine: cannot read {}: {}; assuming no bf16 instructions", cpuinfo, e.toString());
            return List.of();
        }
    }

    private static String javacppVersion() {
        try {
            return Loader.getVersion();
        } catch (IOException e) {
            return "(version unknown)";
        }
    }

    private static int configuredThreads() {
        String value = System.getProperty(THREADS_PROPERTY);
        int processors = Runtime.getRuntime().availableProcessors();
        if (value == null || value.isBlank()) {
            return processors;
        }
        try {
            int threads = Integer.parseInt(value.trim());
            if (threads > 0) {
                return threads;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(THREADS_PROPERTY + " must be a positive whole number of threads, got '"
                + value + "' (unset: all " + processors + " available processors)");
    }
}
