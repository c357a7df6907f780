package dev.robust.engine.torch;

import java.util.List;
import java.util.SplittableRandom;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.MemoryFormat;

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

    private final int inputChannels;
    private final int kernel;
    private final int stride;
    private final int padding;
    private Tensor weight;
    private final Tensor bias;
    private final TensorOptional biasOption;
    /** Output positions per image of the last forward pass: what {@link #multiplyAdds()} counts from. */
    private long outputPositions;

    Convolution(String name, int inputChannels, int filters, int kernel, int stride, int padding, boolean hasBias,
            Initialisation initialisation, SplittableRandom random) {
        super(name);
        this.inputChannels = inputChannels;
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

    /** A frozen copy with the same geometry and the given weight and bias, neither tracked by autograd. */
    private Convolution(Convolution geometry, Tensor weight, Tensor bias) {
        super(geometry.name() + "_folded");
        this.inputChannels = geometry.inputChannels;
        this.kernel = geometry.kernel;
        this.stride = geometry.stride;
        this.padding = geometry.padding;
        this.weight = weight;
        this.bias = bias;
        this.biasOption = new TensorOptional(bias);
    }

    /**
     * This convolution followed by {@code batchNorm} in inference mode, as one convolution: each filter scaled by
     * its channel's {@code gamma / sqrt(variance + epsilon)}, the bias {@code beta - mean * scale} (plus this
     * convolution's own bias, scaled). New tensors; this layer and the batch norm are unchanged.
     */
    Convolution foldedWith(BatchNorm batchNorm) {
        try (NoGradGuard noGrad = new NoGradGuard()) {
            Tensor[] scaleAndShift = batchNorm.inferenceScaleAndShift();
            Tensor scale = scaleAndShift[0];
            Tensor foldedWeight = weight.mul(scale.view(-1, 1, 1, 1)).contiguous(weight.suggest_memory_format());
            Tensor foldedBias = bias == null ? scaleAndShift[1] : scaleAndShift[1].add(bias.mul(scale));
            return new Convolution(this, foldedWeight, foldedBias.contiguous());
        }
    }

    /**
     * Keeps this layer's tensors alive beyond the pointer scope they were made in (a folded copy made inside a
     * call's scope): one more reference each, which the scope's end releases.
     */
    void outliveScope() {
        weight.retainReference();
        bias.retainReference();
        biasOption.retainReference();
    }

    /** Frees a folded copy's tensors now rather than when the garbage collector finds them. */
    void free() {
        biasOption.close();
        weight.close();
        bias.close();
    }

    /** Stores the weight channels-last (NHWC in memory), the layout oneDNN's convolutions work in. */
    void useChannelsLast() {
        try (NoGradGuard noGrad = new NoGradGuard()) {
            weight = weight.contiguous(MemoryFormat.ChannelsLast);
        }
        weight.set_requires_grad(true);
    }

    /** Multiply-adds per image of the last forward pass. */
    long multiplyAdds() {
        return outputPositions * weight.size(0) * inputChannels * kernel * kernel;
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
        Tensor output = torch.conv2d(x, weight, biasOption, new long[] {stride, stride}, pad, NO_DILATION, 1);
        outputPositions = output.size(2) * output.size(3);
        return output;
    }

    /** Top, left, bottom and right padding of a square input of {@code size}, as ONNX's {@code pads} lists them. */
    long[] pads(long size) {
        if (padding != SAME) return new long[] {padding, padding, padding, padding};
        int[] same = samePadding(size);
        return new long[] {same[0], same[0], same[1], same[1]};
    }

    Tensor weight() {
        return weight;
    }

    /** The bias, or null when the convolution has none. */
    Tensor bias() {
        return bias;
    }

    int kernel() {
        return kernel;
    }

    int stride() {
        return stride;
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
