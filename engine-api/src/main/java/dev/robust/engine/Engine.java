package dev.robust.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A deep-learning library behind one small surface: the trainer and the eval-service build, train, score and
 * checkpoint models through it without knowing which library runs. Obtain one with {@link Engines#named(String)}.
 */
public interface Engine {

    /** The name users select the engine by, e.g. {@code dl4j}. */
    String name();

    /** Library, backend and acceleration in use; shown by the services' {@code GET /info}. */
    BackendDescription backend();

    /** Architecture names {@link #create} accepts, e.g. {@code resnet50v2}, {@code resnet20}, {@code smallcnn}. */
    List<String> architectures();

    /** A freshly initialised model; the same spec (seed included) gives the same initial parameters. */
    Model create(ModelSpec spec);

    /**
     * Names of the speed levers {@link #create(ModelSpec, Compute)} accepts; none by default. Each changes how a
     * model computes, not what: results agree with {@link Compute#BASELINE} within rounding.
     */
    default Set<String> levers() {
        return Set.of();
    }

    /** The precisions {@link #create(ModelSpec, Compute)} runs on this machine; FP32 always. */
    default Set<Precision> precisions() {
        return Set.of(Precision.FP32);
    }

    /**
     * A freshly initialised model computing as {@code compute} asks. An engine without levers or bf16 builds its
     * plain model: it refuses levers asked for by name, and computes a precision it lacks in FP32, saying so in one
     * log line (as an engine with bf16 does on a CPU without it), so a profile's precision runs on every engine.
     */
    default Model create(ModelSpec spec, Compute compute) {
        if (compute.levers().map(levers -> !levers.isEmpty()).orElse(false)) {
            throw new IllegalArgumentException("engine " + name() + " has no speed levers, asked for "
                    + compute.levers().orElseThrow());
        }
        if (compute.precision() != Precision.FP32) {
            System.getLogger(Engine.class.getName()).log(System.Logger.Level.WARNING, "engine " + name()
                    + ": precision fp32, although " + compute.precision().id() + " was asked for: it computes in "
                    + "fp32 only");
        }
        return create(spec);
    }

    /** The name of the file format {@link Model#save} writes and {@link #load} reads, e.g. {@code dl4j-zip}. */
    String checkpointFormat();

    /** A model exactly as it was saved: same parameters, same predictions, same learning rate. */
    Model load(Path checkpoint) throws IOException;
}
