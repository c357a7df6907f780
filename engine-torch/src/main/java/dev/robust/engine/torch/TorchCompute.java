package dev.robust.engine.torch;

import dev.robust.engine.Precision;
import java.util.Set;

/**
 * How one torch model computes, resolved from the caller's {@link dev.robust.engine.Compute}: the precision that
 * actually runs (bf16 only where the CPU has it) and the levers in use.
 *
 * @param channelsLast    activations and convolution weights stored NHWC ({@value TorchEngine#CHANNELS_LAST})
 * @param foldedInference scoring through a frozen copy with batch norm folded in ({@value TorchEngine#FOLDED})
 */
record TorchCompute(Precision precision, boolean channelsLast, boolean foldedInference) {

    static TorchCompute of(Precision precision, Set<String> levers) {
        return new TorchCompute(precision, levers.contains(TorchEngine.CHANNELS_LAST),
                levers.contains(TorchEngine.FOLDED));
    }
}
