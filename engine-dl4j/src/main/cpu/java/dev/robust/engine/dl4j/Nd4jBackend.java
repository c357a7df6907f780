package dev.robust.engine.dl4j;

import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The CPU build's backend (this source folder is compiled by the default {@code cpu} profile): ND4J's
 * {@code nd4j-native} with oneDNN layer helpers, switched on before any layer exists and checked on every network.
 * The {@code cuda} profile compiles a class of the same name for {@code nd4j-cuda} instead.
 */
final class Nd4jBackend {

    /** The ND4J backend artifact this build carries, as {@code GET /info} shows it. */
    static final String NAME = "nd4j-native";

    private Nd4jBackend() {
    }

    /** Before the first layer is built: DL4J decides on a layer's helper when it constructs the layer. */
    static void prepareLayers() {
        OneDnn.enableLayerHelpersUnlessConfigured();
    }

    /**
     * Checks that {@code network} runs on oneDNN; fails (or warns, if so configured) when it does not.
     *
     * @return true when every convolution and batch-norm layer has its oneDNN helper
     */
    static boolean verify(ComputationGraph network, String name) {
        return OneDnnSelfCheck.verify(network, name);
    }
}
