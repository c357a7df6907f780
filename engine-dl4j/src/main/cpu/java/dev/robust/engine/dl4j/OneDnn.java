package dev.robust.engine.dl4j;

import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The switches between DL4J's layers and oneDNN, and what they read right now.
 *
 * <p>DL4J 1.0.0-M2.1 creates a layer's oneDNN helper when the layer is constructed, and only if (1) the system
 * property {@value #HELPERS_DISABLED_PROPERTY} is {@code false} (M2.1 defaults it to {@code true}), (2) the native
 * library is a oneDNN build (the {@code linux-x86_64-onednn} classifier of nd4j-native) and (3) its reflective
 * lookup of that fact succeeds, which needs {@link org.nd4j.nativeblas.Nd4jCpu}.
 */
public final class OneDnn {

    public static final String HELPERS_DISABLED_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";

    private OneDnn() {
    }

    /** Lets layers built from now on create their helpers. Must run before the first layer is built. */
    public static void enableLayerHelpers() {
        System.setProperty(HELPERS_DISABLED_PROPERTY, "false");
    }

    /**
     * {@link #enableLayerHelpers()} unless someone set the property on purpose: an explicit
     * {@code -D}{@value #HELPERS_DISABLED_PROPERTY}{@code =true} is respected, and the self-check then reports it.
     */
    static void enableLayerHelpersUnlessConfigured() {
        if (System.getProperty(HELPERS_DISABLED_PROPERTY) == null) {
            enableLayerHelpers();
        }
    }

    /** What each of the three conditions reads now. */
    public static Status status() {
        boolean cpuBackend = "CPU".equalsIgnoreCase(
                Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend"));
        boolean nativeOneDnn = cpuBackend
                && org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        return new Status(cpuBackend,
                nativeOneDnn,
                BaseMKLDNNHelper.mklDnnEnabled(),
                !Boolean.parseBoolean(System.getProperty(HELPERS_DISABLED_PROPERTY, "true")));
    }

    /**
     * @param cpuBackend        ND4J runs on the CPU backend (oneDNN does not apply to CUDA)
     * @param nativeOneDnn      the loaded native library is a oneDNN build with oneDNN on
     * @param dl4jSeesOneDnn    DL4J's own lookup ({@code BaseMKLDNNHelper.mklDnnEnabled()}) agrees
     * @param helpersAllowed    the helpers property lets layers create helpers
     */
    public record Status(boolean cpuBackend, boolean nativeOneDnn, boolean dl4jSeesOneDnn, boolean helpersAllowed) {

        /** True when newly built layers get oneDNN helpers. */
        public boolean active() {
            return nativeOneDnn && dl4jSeesOneDnn && helpersAllowed;
        }

        /** Why helpers are not created, naming the fix; empty when they are. */
        public String cause() {
            if (!cpuBackend) {
                return "ND4J is not on its CPU backend, so oneDNN does not apply";
            }
            if (!nativeOneDnn) {
                return "the nd4j-native natives on the class path are not a oneDNN build: depend on "
                        + "org.nd4j:nd4j-native with classifier linux-x86_64-onednn";
            }
            if (!dl4jSeesOneDnn) {
                return "DL4J cannot see oneDNN: the class org.nd4j.nativeblas.Nd4jCpu from engine-dl4j is missing "
                        + "from the class path (or an earlier lookup failed before it was there)";
            }
            if (!helpersAllowed) {
                return "the system property " + HELPERS_DISABLED_PROPERTY + " is not 'false' (it was "
                        + System.getProperty(HELPERS_DISABLED_PROPERTY) + ")";
            }
            return "";
        }
    }
}
