package dev.robust.engine.dl4j;

import dev.robust.engine.BackendDescription;
import dev.robust.engine.Engine;
import dev.robust.engine.Model;
import dev.robust.engine.ModelSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DL4J 1.0.0-M2.1 engine ({@code dl4j}). The default (CPU) build runs ND4J's CPU backend with oneDNN layer
 * helpers switched on, checked on every model it builds or loads ({@code OneDnnSelfCheck}); the {@code cuda} Maven
 * profile builds it on {@code nd4j-cuda} instead ({@link Nd4jBackend} is the one class that differs). Services
 * should call {@link #backend()} at start-up: it builds a small probe network once and fails there, not mid-run, when
 * the CPU build runs without oneDNN.
 */
public final class Dl4jEngine implements Engine {

    public static final String NAME = "dl4j";

    private static final Logger LOG = LoggerFactory.getLogger(Dl4jEngine.class);

    private static final Map<String, Function<ModelSpec, ComputationGraphConfiguration>> ARCHITECTURES = Map.of(
            ResNet50V2.NAME, ResNet50V2::configuration,
            ResNet20.NAME, ResNet20::configuration,
            SmallCnn.NAME, SmallCnn::configuration);

    static {
        // Before any layer exists: DL4J decides on a layer's helper when it constructs the layer.
        Nd4jBackend.prepareLayers();
    }

    private BackendDescription backend;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public synchronized BackendDescription backend() {
        if (backend == null) {
            ComputationGraph probe = build(new ModelSpec(SmallCnn.NAME, 16, 16, 3, 2, 0));
            boolean onednn = Nd4jBackend.verify(probe, "start-up probe");
            Properties environment = Nd4j.getExecutioner().getEnvironmentInformation();
            backend = new BackendDescription(
                    "deeplearning4j " + dl4jVersion(),
                    Nd4jBackend.NAME + " " + environment.getProperty("backend", "?").toLowerCase(),
                    onednn,
                    "threads=" + Nd4j.getEnvironment().maxThreads()
                            + ", cores=" + Runtime.getRuntime().availableProcessors()
                            + ", blas=" + environment.getProperty("blas.vendor", "?"));
            LOG.info("DL4J engine backend: {}", backend);
        }
        return backend;
    }

    @Override
    public List<String> architectures() {
        return List.of(ResNet50V2.NAME, ResNet20.NAME, SmallCnn.NAME);
    }

    @Override
    public Model create(ModelSpec spec) {
        ComputationGraph network = build(spec);
        Nd4jBackend.verify(network, spec.architecture());
        return new Dl4jModel(spec, network);
    }

    @Override
    public String checkpointFormat() {
        return Checkpoints.FORMAT;
    }

    @Override
    public Model load(Path checkpoint) throws IOException {
        Dl4jModel model = Checkpoints.load(checkpoint);
        Nd4jBackend.verify(model.network(), model.spec().architecture() + " from " + checkpoint);
        return model;
    }

    static ComputationGraph build(ModelSpec spec) {
        Function<ModelSpec, ComputationGraphConfiguration> configuration = ARCHITECTURES.get(spec.architecture());
        if (configuration == null) {
            throw new IllegalArgumentException("unknown architecture '" + spec.architecture() + "' for engine " + NAME
                    + "; known: " + new TreeSet<>(ARCHITECTURES.keySet()));
        }
        ComputationGraph network = new ComputationGraph(configuration.apply(spec));
        network.init();
        return network;
    }

    private static String dl4jVersion() {
        String resource = "/META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties";
        try (InputStream in = ComputationGraph.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "(version unknown)";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "(version unknown)");
        } catch (IOException e) {
            return "(version unknown)";
        }
    }
}
