package dev.robust.engine.torch;

import java.util.List;
import java.util.SplittableRandom;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/**
 * A square 2-D convolution without activation. Padding either explicit (as Keras's explicit ZeroPadding2D before a
 * valid convolution) or {@link #SAME}: the output is ceil(input / stride) and, when the padding cannot be split
 * evenly, the extra row and column go bottom and right — as DL4J's and TensorFlow's "same" mode do, so a stride-2
 * 3×3 convolution on an even input samples the same pixels in both engines.
 */
final class Convolution extends Layer {

    /** Padding value meaning "same" mode. */
    static final int SAME = -1;

    private static final long[] NO_DILATION = {1, 1};

    private final int kernel;
    private final int stride;
    private final int padding;
    private final Tensor weight;
    private final Tensor bias;
    private final TensorOptional biasOption;

    Convolution(String name, int inputChannels, int filters, int kernel, int stride, int padding, boolean hasBias,
            Initialisation initialisation, SplittableRandom random) {
        super(name);
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        long fanIn = (long) inputChannels * kernel * kernel;
        long fanOut = (long) filters * kernel * kernel;
        float[] weights = new float[Math.toIntExact(fanOut * inputChannels)];
        initialisation.fill(weights, fanIn, fanOut, random);
        this.weight = parameter(weights, true, filters, inputChannels, kernel, kernel);
        this.bias = hasBias ? parameter(new float[filters], true, filters) : null;
        this.biasOption = hasBias ? new TensorOptional(bias) : new TensorOptional();
    }

    Tensor forward(Tensor input) {
        long[] pad = {padding, padding};
        Tensor x = input;
        if (padding == SAME) {
            int[] height = samePadding(input.size(2));
            int[] width = samePadding(input.size(3));
            if (height[0] == height[1] && width[0] == width[1]) {
                pad = new long[] {height[0], width[0]};
            } else {
                x = torch.constant_pad_nd(input, width[0], width[1], height[0], height[1]);
                pad = new long[] {0, 0};
            }
        }
        return torch.conv2d(x, weight, biasOption, new long[] {stride, stride}, pad, NO_DILATION, 1);
    }

    /** Before and after padding of one spatial dimension in "same" mode. */
    private int[] samePadding(long size) {
        long out = (size + stride - 1) / stride;
        int total = (int) Math.max((out - 1) * stride + kernel - size, 0);
        return new int[] {total / 2, total - total / 2};
    }

    @Override
    List<Tensor> tensors() {
        return trainable();
    }

    @Override
    List<Tensor> trainable() {
        return bias == null ? List.of(weight) : List.of(weight, bias);
    }
}
