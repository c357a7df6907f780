package dev.robust.engine.torch;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;

/**
 * A convolution followed directly by batch norm (and maybe ReLU). For {@link Pass#FOLDED} both run as one
 * convolution whose weights and bias absorb the batch norm's running statistics and affine parameters: a frozen
 * copy made by {@link #freeze()}, so training never sees it.
 */
final class ConvBn {

    private final Convolution convolution;
    private final BatchNorm batchNorm;
    private Convolution folded;

    ConvBn(Convolution convolution, BatchNorm batchNorm) {
        this.convolution = convolution;
        this.batchNorm = batchNorm;
    }

    Convolution convolution() {
        return convolution;
    }

    BatchNorm batchNorm() {
        return batchNorm;
    }

    Tensor forward(Tensor input, Pass pass) {
        if (pass == Pass.FOLDED) {
            if (folded == null) {
                throw new IllegalStateException("'" + convolution.name() + "' has no folded copy; freeze() first");
            }
            return batchNorm.activate(folded.forward(input));
        }
        return batchNorm.forward(convolution.forward(input), pass);
    }

    /**
     * Makes the folded copy from the current weights and running statistics, and frees the previous one. The copy
     * outlives the pointer scope of the call that asked for it.
     */
    void freeze() {
        Convolution previous = folded;
        try (PointerScope scope = new PointerScope()) {
            folded = convolution.foldedWith(batchNorm);
            folded.outliveScope();
        }
        if (previous != null) {
            previous.free();
        }
    }
}
