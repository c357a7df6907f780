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

    private final ConvBn first;
    private final ConvBn second;
    private final ConvBn third;
    private final Dense logits;

    SmallCnn(ModelSpec spec) {
        super(spec);
        first = convBn(conv("conv1_conv", spec.channels(), 32, 3, 1, SAME, false, HE_NORMAL),
                batchNorm("conv1_bn", 32, true));
        second = convBn(conv("conv2_conv", 32, 64, 3, 1, SAME, false, HE_NORMAL), batchNorm("conv2_bn", 64, true));
        third = convBn(conv("conv3_conv", 64, 128, 3, 1, SAME, false, HE_NORMAL), batchNorm("conv3_bn", 128, true));
        logits = logits(128);
    }

    @Override
    Tensor forward(Tensor scaledPixels, Pass pass) {
        Tensor x = pool(first.forward(scaledPixels, pass));
        x = pool(second.forward(x, pass));
        x = third.forward(x, pass);
        return logits.forward(x.mean(new long[] {2, 3}, false, new ScalarTypeOptional()));
    }

    @Override
    void export(OnnxExport export, OnnxExport.Value input) {
        OnnxExport.Value x = export.maxPool(export.convBn(first, input), 2, 2, true);
        x = export.maxPool(export.convBn(second, x), 2, 2, true);
        export.logits(export.convBn(third, x), logits);
    }

    private static Tensor pool(Tensor x) {
        return torch.max_pool2d(x, POOL, POOL, NO_PADDING, NO_DILATION, true);
    }
}
