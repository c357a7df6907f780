package dev.robust.engine.dl4j;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CUDA build's backend (this source folder is compiled by the {@code cuda} profile only): ND4J's
 * {@code nd4j-cuda-11.6}, whose {@code -cudnn} natives run convolutions and batch norm through cuDNN inside libnd4j.
 * oneDNN does not apply, so there is no oneDNN switch to turn on and no oneDNN check; DL4J's own layer helpers stay
 * as M2.1 ships them. Built, never run here: the project's machines have no GPU.
 */
final class Nd4jBackend {

    /** The ND4J backend artifact this build carries, as {@code GET /info} shows it. */
    static final String NAME = "nd4j-cuda";

    private static final Logger LOG = LoggerFactory.getLogger(Nd4jBackend.class);

    private Nd4jBackend() {
    }

    static void prepareLayers() {
        // Nothing to switch on: cuDNN is used by libnd4j's CUDA platform helpers, not by DL4J layer helpers.
    }

    /** @return false: oneDNN is a CPU library and never runs in this build */
    static boolean verify(ComputationGraph network, String name) {
        LOG.debug("{}: nd4j-cuda build, oneDNN check does not apply", name);
        return false;
    }
}
