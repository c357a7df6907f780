package dev.robust.engine.torch;

import static dev.robust.engine.torch.Initialisation.GLOROT_UNIFORM;

import dev.robust.engine.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Keras {@code ResNet50V2(include_top=False)} plus global average pooling and Dense(classes), as the DL4J engine
 * builds it: pre-activation bottleneck blocks with the stride in each stack's last block, explicit padding,
 * Glorot-uniform initialisation; 23,585,290 parameters for 10 classes, batch-norm statistics included.
 */
final class ResNet50V2 extends Network {

    static final String NAME = "resnet50v2";

    private static final long[] NO_DILATION = {1, 1};
    private static final long[] NO_PADDING = {0, 0};

    private final Convolution stem;
    private final List<Block> blocks = new ArrayList<>();
    private final BatchNorm postBn;
    private final Dense logits;

    ResNet50V2(ModelSpec spec) {
        super(spec);
        stem = conv("conv1_conv", spec.channels(), 64, 7, 2, 3, true, GLOROT_UNIFORM);
        int channels = 64;
        channels = stack(channels, 64, 3, 2, "conv2");
        channels = stack(channels, 128, 4, 2, "conv3");
        channels = stack(channels, 256, 6, 2, "conv4");
        channels = stack(channels, 512, 3, 1, "conv5");
        postBn = batchNorm("post_bn", channels, true);
        logits = logits(channels);
    }

    /** Keras {@code stack2}: a projection block, plain blocks, and a last block carrying the stride. */
    private int stack(int inputChannels, int filters, int count, int stride, String name) {
        blocks.add(new Block(name + "_block1", inputChannels, filters, 1, true));
        for (int i = 2; i <= count; i++) {
            blocks.add(new Block(name + "_block" + i, 4 * filters, filters, i == count ? stride : 1, false));
        }
        return 4 * filters;
    }

    @Override
    Tensor forward(Tensor scaledPixels, Pass pass) {
        Tensor x = stem.forward(scaledPixels);
        // The stem's output can be negative: pad with zeros explicitly, as Keras does, not with pooling's -inf.
        x = torch.max_pool2d(torch.constant_pad_nd(x, 1, 1, 1, 1), new long[] {3, 3}, new long[] {2, 2}, NO_PADDING,
                NO_DILATION, false);
        for (Block block : blocks) {
            x = block.forward(x, pass);
        }
        x = postBn.forward(x, pass);
        return logits.forward(x.mean(new long[] {2, 3}, false, new ScalarTypeOptional()));
    }

    @Override
    void export(OnnxExport export, OnnxExport.Value input) {
        OnnxExport.Value x = export.maxPoolOverZeroPadding(export.convolution(stem, input), 1, 3, 2);
        for (Block block : blocks) {
            x = block.export(export, x);
        }
        export.logits(export.batchNorm(postBn, x), logits);
    }

    /** Keras {@code block2}: BN-ReLU, then 1×1, 3×3 (strided), 1×1 (4× filters) convolutions plus the shortcut. */
    private final class Block {
        private final int stride;
        private final BatchNorm preact;
        private final Convolution projection;
        private final ConvBn first;
        private final ConvBn second;
        private final Convolution conv3;

        Block(String name, int inputChannels, int filters, int stride, boolean project) {
            this.stride = stride;
            preact = batchNorm(name + "_preact_bn", inputChannels, true);
            projection = project
                    ? conv(name + "_0_conv", inputChannels, 4 * filters, 1, stride, 0, true, GLOROT_UNIFORM)
                    : null;
            first = convBn(conv(name + "_1_conv", inputChannels, filters, 1, 1, 0, false, GLOROT_UNIFORM),
                    batchNorm(name + "_1_bn", filters, true));
            second = convBn(conv(name + "_2_conv", filters, filters, 3, stride, 1, false, GLOROT_UNIFORM),
                    batchNorm(name + "_2_bn", filters, true));
            conv3 = conv(name + "_3_conv", filters, 4 * filters, 1, 1, 0, true, GLOROT_UNIFORM);
        }

        Tensor forward(Tensor input, Pass pass) {
            Tensor activated = preact.forward(input, pass);
            Tensor shortcut;
            if (projection != null) {
                shortcut = projection.forward(activated);
            } else if (stride > 1) {
                long[] step = {stride, stride};
                shortcut = torch.max_pool2d(input, new long[] {1, 1}, step, NO_PADDING, NO_DILATION, false);
            } else {
                shortcut = input;
            }
            Tensor x = second.forward(first.forward(activated, pass), pass);
            // A convolution's backward pass does not read its output, so the sum may overwrite it.
            return conv3.forward(x).add_(shortcut);
        }

        OnnxExport.Value export(OnnxExport export, OnnxExport.Value input) {
            OnnxExport.Value activated = export.batchNorm(preact, input);
            OnnxExport.Value shortcut;
            if (projection != null) {
                shortcut = export.convolution(projection, activated);
            } else if (stride > 1) {
                shortcut = export.maxPool(input, 1, stride, false);
            } else {
                shortcut = input;
            }
            OnnxExport.Value x = export.convBn(second, export.convBn(first, activated));
            return export.add(export.convolution(conv3, x), shortcut);
        }
    }
}
