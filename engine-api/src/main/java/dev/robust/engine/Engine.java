package dev.robust.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

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

    /** The name of the file format {@link Model#save} writes and {@link #load} reads, e.g. {@code dl4j-zip}. */
    String checkpointFormat();

    /** A model exactly as it was saved: same parameters, same predictions, same learning rate. */
    Model load(Path checkpoint) throws IOException;
}
