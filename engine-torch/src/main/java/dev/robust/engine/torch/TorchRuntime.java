package dev.robust.engine.torch;

import dev.robust.engine.BackendDescription;
import java.io.IOException;
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

    private static BackendDescription backend;

    private TorchRuntime() {
    }

    /** Loads libtorch and applies the thread setting, once; returns what runs. */
    static synchronized BackendDescription initialise() {
        if (backend == null) {
            int threads = configuredThreads();
            torch.set_num_threads(threads);
            boolean onednn = torch.hasMKLDNN() && torch.globalContext().userEnabledMkldnn();
            backend = new BackendDescription(
                    "libtorch 2.10.0 (JavaCPP " + javacppVersion() + ")",
                    "cpu",
                    onednn,
                    "threads=" + torch.get_num_threads() + " (" + THREADS_PROPERTY + "), cores="
                            + Runtime.getRuntime().availableProcessors());
            LOG.info("torch engine backend: {}", backend);
        }
        return backend;
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
