package dev.robust.engine.dl4j;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves a built network runs on oneDNN: without its helpers DL4J falls back to built-in kernels 8–25× slower and
 * says nothing. Every convolution and batch-norm layer must hold a helper; otherwise the check logs one error naming
 * the cause and throws. Setting {@value #REQUIRE_PROPERTY}{@code =false} turns the failure into a loud warning for
 * machines where the slow path is acceptable.
 */
public final class OneDnnSelfCheck {

    public static final String REQUIRE_PROPERTY = "robust.engine.dl4j.require-onednn";

    private static final Logger LOG = LoggerFactory.getLogger(OneDnnSelfCheck.class);

    private OneDnnSelfCheck() {
    }

    /** Whether the deployment insists on oneDNN; the default is yes. */
    public static boolean required() {
        return Boolean.parseBoolean(System.getProperty(REQUIRE_PROPERTY, "true"));
    }

    /**
     * Checks {@code network} (called {@code name} in messages).
     *
     * @return true when every convolution and batch-norm layer runs on oneDNN
     * @throws IllegalStateException when some do not and oneDNN is {@linkplain #required() required}
     */
    public static boolean verify(ComputationGraph network, String name) {
        OneDnn.Status status = OneDnn.status();
        if (!status.cpuBackend()) {
            LOG.info("{}: ND4J is not on its CPU backend; oneDNN check skipped", name);
            return false;
        }
        List<String> withoutHelper = layersWithoutHelper(network);
        if (status.active() && withoutHelper.isEmpty()) {
            return true;
        }
        String cause = status.active()
                ? "the property " + OneDnn.HELPERS_DISABLED_PROPERTY + " was not 'false' when these layers were built,"
                        + " or oneDNN rejected their configuration"
                : status.cause();
        String message = "DL4J model '" + name + "' would run without oneDNN (8-25x slower): " + cause
                + ". Layers without a oneDNN helper: " + summarise(withoutHelper) + ".";
        if (required()) {
            LOG.error("{} Set -D{}=false to run anyway.", message, REQUIRE_PROPERTY);
            throw new IllegalStateException(message);
        }
        LOG.warn("!!! {} Continuing because {}=false. !!!", message, REQUIRE_PROPERTY);
        return false;
    }

    /** Names of convolution and batch-norm layers whose helper is missing. */
    static List<String> layersWithoutHelper(ComputationGraph network) {
        List<String> missing = new ArrayList<>();
        for (Layer layer : network.getLayers()) {
            boolean needsHelper = layer instanceof ConvolutionLayer || layer instanceof BatchNormalization;
            if (needsHelper && layer.getHelper() == null) {
                missing.add(layer.conf().getLayer().getLayerName());
            }
        }
        return missing;
    }

    private static String summarise(List<String> names) {
        if (names.size() <= 5) {
            return names.toString();
        }
        return names.subList(0, 5) + " and " + (names.size() - 5) + " more";
    }
}
