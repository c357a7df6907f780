package dev.robust.engine.torch;

import dev.robust.engine.BackendDescription;
import dev.robust.engine.Compute;
import dev.robust.engine.Engine;
import dev.robust.engine.Model;
import dev.robust.engine.ModelSpec;
import dev.robust.engine.Precision;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The libtorch engine ({@code torch}): libtorch 2.10 on the CPU through JavaCPP's presets. Networks are written as
 * plain libtorch calls on tensors this engine owns ({@link Network}), trained with libtorch's Adam. The number of
 * intra-op threads is {@code -D}{@value TorchRuntime#THREADS_PROPERTY}, all available processors by default.
 */
public final class TorchEngine implements Engine {

    public static final String NAME = "torch";
    /** Lever: activations and convolution weights stored channels-last (NHWC), oneDNN's own layout. */
    public static final String CHANNELS_LAST = "channels-last";
    /** Lever: scoring through a frozen copy of the model with batch norm folded into the convolutions. */
    public static final String FOLDED = "folded-inference";

    /**
     * The levers the product runs per architecture: those that measured faster for it (docs/benchmarks.md,
     * "torch engine: levers").
     */
    private static final Map<String, Set<String>> CHOSEN_LEVERS = Map.of(
            ResNet50V2.NAME, Set.of(CHANNELS_LAST, FOLDED),
            ResNet20.NAME, Set.of(CHANNELS_LAST, FOLDED),
            SmallCnn.NAME, Set.of(CHANNELS_LAST, FOLDED));

    private static final Map<String, Function<ModelSpec, Network>> ARCHITECTURES = Map.of(
            ResNet50V2.NAME, ResNet50V2::new,
            ResNet20.NAME, ResNet20::new,
            SmallCnn.NAME, SmallCnn::new);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BackendDescription backend() {
        return TorchRuntime.initialise();
    }

    @Override
    public List<String> architectures() {
        return List.of(ResNet50V2.NAME, ResNet20.NAME, SmallCnn.NAME);
    }

    @Override
    public Set<String> levers() {
        return Set.of(CHANNELS_LAST, FOLDED);
    }

    /** FP32, and bf16 where the CPU has bf16 dot-product instructions. */
    @Override
    public Set<Precision> precisions() {
        return TorchRuntime.bf16Supported() ? Set.of(Precision.FP32, Precision.BF16) : Set.of(Precision.FP32);
    }

    /** FP32 with the levers chosen for the architecture. */
    @Override
    public Model create(ModelSpec spec) {
        return create(spec, Compute.of(Precision.FP32));
    }

    @Override
    public Model create(ModelSpec spec, Compute compute) {
        Function<ModelSpec, Network> architecture = ARCHITECTURES.get(spec.architecture());
        if (architecture == null) {
            throw new IllegalArgumentException("unknown architecture '" + spec.architecture() + "' for engine " + NAME
                    + "; known: " + new TreeSet<>(ARCHITECTURES.keySet()));
        }
        Set<String> levers = compute.levers().orElse(CHOSEN_LEVERS.get(spec.architecture()));
        for (String lever : levers) {
            if (!levers().contains(lever)) {
                throw new IllegalArgumentException("unknown lever '" + lever + "' for engine " + NAME + "; known: "
                        + new TreeSet<>(levers()));
            }
        }
        TorchRuntime.initialise();
        Precision precision = TorchRuntime.precision(compute.precision());
        return new TorchModel(spec, architecture.apply(spec), TorchCompute.of(precision, levers));
    }

    @Override
    public String checkpointFormat() {
        return TorchCheckpoints.FORMAT;
    }

    @Override
    public Model load(Path checkpoint) throws IOException {
        return TorchCheckpoints.load(checkpoint);
    }
}
