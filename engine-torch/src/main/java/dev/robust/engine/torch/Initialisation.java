package dev.robust.engine.torch;

import java.util.SplittableRandom;

/**
 * Initial weights drawn in Java from the spec's seed, so the same spec gives the same parameters whatever libtorch's
 * own generator did before. The two schemes the DL4J engine uses, with its definitions.
 */
enum Initialisation {
    /** He et al.: normal with variance 2 / fan-in (DL4J's {@code WeightInit.RELU}), for the ResNet-20 and small CNN. */
    HE_NORMAL {
        @Override
        void fill(float[] values, long fanIn, long fanOut, SplittableRandom random) {
            double std = Math.sqrt(2.0 / fanIn);
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (random.nextGaussian() * std);
            }
        }
    },
    /** Glorot uniform on ±sqrt(6 / (fan-in + fan-out)): Keras's default for convolutions and dense layers. */
    GLOROT_UNIFORM {
        @Override
        void fill(float[] values, long fanIn, long fanOut, SplittableRandom random) {
            double limit = Math.sqrt(6.0 / (fanIn + fanOut));
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
            }
        }
    };

    abstract void fill(float[] values, long fanIn, long fanOut, SplittableRandom random);
}
