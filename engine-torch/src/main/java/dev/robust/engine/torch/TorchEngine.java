package dev.robust.engine.torch;

import dev.robust.engine.BackendDescription;
import dev.robust.engine.Engine;
import dev.robust.engine.Model;
import dev.robust.engine.ModelSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The libtorch engine ({@code torch}): libtorch 2.10 on the CPU through JavaCPP's presets. Networks are written as
 * plain libtorch calls on tensors this engine owns ({@link Network}), trained with libtorch's Adam. The number of
 * intra-op threads is {@code -D}{@value TorchRuntime#THREADS_PROPERTY}, all available processors by default.
 */
public final class TorchEngine implements Engine {

    public static final String NAME = "torch";

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
    public Model create(ModelSpec spec) {
        Function<ModelSpec, Network> architecture = ARCHITECTURES.get(spec.architecture());
        if (architecture == null) {
            throw new IllegalArgumentException("unknown architecture '" + spec.architecture() + "' for engine " + NAME
                    + "; known: " + new TreeSet<>(ARCHITECTURES.keySet()));
        }
        TorchRuntime.initialise();
        return new TorchModel(spec, architecture.apply(spec));
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
