package dev.robust.engine.torch;

import dev.robust.engine.Precision;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.DeviceType;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * libtorch's CPU autocast for the life of the object, on this thread: convolutions and matrix products take bf16
 * copies of their inputs and weights; the weights themselves stay FP32 and their gradients arrive in FP32. The
 * autocast cache of weight copies is off, so a copy made before an optimiser step is never reused after it (each
 * weight is used once per pass here, so the cache would save nothing anyway).
 */
final class Autocast implements AutoCloseable {

    private static final Autocast NONE = new Autocast(false);

    private final boolean active;

    private Autocast(boolean active) {
        this.active = active;
    }

    /** Autocast to bf16 for {@link Precision#BF16}; nothing for FP32. */
    static Autocast start(Precision precision) {
        if (precision != Precision.BF16) {
            return NONE;
        }
        torch.set_autocast_cache_enabled(false);
        torch.set_autocast_dtype(DeviceType.CPU, ScalarType.BFloat16);
        torch.set_autocast_enabled(DeviceType.CPU, true);
        return new Autocast(true);
    }

    @Override
    public void close() {
        if (active) {
            torch.set_autocast_enabled(DeviceType.CPU, false);
        }
    }
}
