package org.nd4j.nativeblas;

/**
 * Satisfies a lookup that DL4J 1.0.0-M2.1 gets wrong, so its oneDNN layer helpers can switch on.
 *
 * <p>{@code org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper.mklDnnEnabled()} asks, by reflection, for
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()}. M2.1 ships neither that class nor
 * that method: the real switch is
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN()}. The failed lookup
 * makes every convolution, pooling and batch-norm layer fall back to built-in code 8–25× slower, silently. This class
 * answers the lookup by delegating to the real switch.
 *
 * <p>It can go once a DL4J release fixes the lookup in {@code BaseMKLDNNHelper}; {@code OneDnnSelfCheck} will
 * then still pass without it. It works on the class path only (its package belongs to nd4j-native under JPMS).
 */
public final class Nd4jCpu {

    private Nd4jCpu() {
    }

    /** The shape {@code BaseMKLDNNHelper} reflects on: a static {@code getInstance()} and {@code isUseMKLDNN()}. */
    public static final class Environment {

        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        /** Whether the loaded native library is a oneDNN build with oneDNN switched on. */
        public static boolean isUseMKLDNN() {
            return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        }
    }
}
