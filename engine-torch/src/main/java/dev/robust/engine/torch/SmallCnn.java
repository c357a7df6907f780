package dev.robust.engine.torch;

import static dev.robust.engine.torch.Convolution.SAME;
import static dev.robust.engine.torch.Initialisation.HE_NORMAL;

import dev.robust.engine.ModelSpec;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The compact VGG-style CNN of the {@code ci} and {@code quick} profiles, as the DL4J engine builds it: three
 * conv-BN-ReLU stages of 32, 64 and 128 filters with 2×2 max pooling between them ("same" mode: a last odd row or
 * column is pooled on its own), He-normal initialisation; 95,210 parameters for 10 classes.
 */
final class SmallCnn extends Network {

    static final String NAME = "smallcnn";

    private static final long[] POOL = {2, 2};
    private static final long[] NO_PADDING = {0, 0};
    private static final long[] NO_DILATION = {1, 1};

    private final Convolution conv1;
    private final BatchNorm bn1;
    private final Convolution conv2;
    private final BatchNorm bn2;
    private final Convolution conv3;
    private final BatchNorm bn3;
    private final Dense logits;

    SmallCnn(ModelSpec spec) {
        super(spec);
        conv1 = conv("conv1_conv", spec.channels(), 32, 3, 1, SAME, false, HE_NORMAL);
        bn1 = batchNorm("conv1_bn", 32, true);
        conv2 = conv("conv2_conv", 32, 64, 3, 1, SAME, false, HE_NORMAL);
        bn2 = batchNorm("conv2_bn", 64, true);
        conv3 = conv("conv3_conv", 64, 128, 3, 1, SAME, false, HE_NORMAL);
        bn3 = batchNorm("conv3_bn", 128, true);
        logits = logits(128);
    }

    @Override
    Tensor forward(Tensor scaledPixels, Pass pass) {
        Tensor x = pool(bn1.forward(conv1.forward(scaledPixels), pass));
        x = pool(bn2.forward(conv2.forward(x), pass));
        x = bn3.forward(conv3.forward(x), pass);
        return logits.forward(x.mean(new long[] {2, 3}, false, new ScalarTypeOptional()));
    }

    private static Tensor pool(Tensor x) {
        return torch.max_pool2d(x, POOL, POOL, NO_PADDING, NO_DILATION, true);
    }
}
