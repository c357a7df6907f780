package dev.robust.engine.torch;

import dev.robust.engine.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bytedeco.pytorch.Tensor;

/**
 * An architecture as plain libtorch calls: its layers in a fixed order (the order of {@link TorchModel#parameters()})
 * and a forward pass from scaled pixels (NCHW, [-1, 1]) to logits.
 */
abstract class Network {

    private final List<Layer> layers = new ArrayList<>();
    private final List<ConvBn> convBns = new ArrayList<>();
    final ModelSpec spec;
    final SplittableRandom random;

    Network(ModelSpec spec) {
        this.spec = spec;
        this.random = new SplittableRandom(spec.seed());
    }

    abstract Tensor forward(Tensor scaledPixels, Pass pass);

    /**
     * The same forward pass in inference mode as ONNX nodes, from {@code input} to the graph's output; an
     * architecture without an export says so.
     */
    void export(OnnxExport export, OnnxExport.Value input) {
        throw new UnsupportedOperationException("the torch engine cannot export " + spec.architecture()
                + " to ONNX");
    }

    final <L extends Layer> L add(L layer) {
        layers.add(layer);
        return layer;
    }

    final Convolution conv(String name, int inputChannels, int filters, int kernel, int stride, int padding,
            boolean bias, Initialisation initialisation) {
        return add(new Convolution(name, inputChannels, filters, kernel, stride, padding, bias, initialisation, random));
    }

    final BatchNorm batchNorm(String name, int channels, boolean relu) {
        return add(new BatchNorm(name, channels, relu));
    }

    /** Pairs a convolution with the batch norm that directly follows it, for {@link Pass#FOLDED}. */
    final ConvBn convBn(Convolution convolution, BatchNorm batchNorm) {
        ConvBn pair = new ConvBn(convolution, batchNorm);
        convBns.add(pair);
        return pair;
    }

    final Dense logits(int inputs) {
        return add(new Dense("logits", inputs, spec.classes(), random));
    }

    /** Every tensor of every layer, in {@link TorchModel#parameters()} order. */
    final List<Tensor> tensors() {
        List<Tensor> tensors = new ArrayList<>();
        layers.forEach(layer -> tensors.addAll(layer.tensors()));
        return tensors;
    }

    final List<Tensor> trainable() {
        List<Tensor> tensors = new ArrayList<>();
        layers.forEach(layer -> tensors.addAll(layer.trainable()));
        return tensors;
    }

    final List<BatchNorm> batchNorms() {
        return layers.stream().filter(BatchNorm.class::isInstance).map(BatchNorm.class::cast).toList();
    }

    /** Refreshes the folded copy of every convolution-batch-norm pair from the current parameters. */
    final void freeze() {
        convBns.forEach(ConvBn::freeze);
    }

    /** Stores every convolution's weight channels-last; call before an optimiser holds the weights. */
    final void useChannelsLast() {
        layers.stream().filter(Convolution.class::isInstance).map(Convolution.class::cast)
                .forEach(Convolution::useChannelsLast);
    }

    /** Multiply-adds per image of the convolutions and dense layers in the last forward pass's shapes. */
    final long multiplyAdds() {
        long total = 0;
        for (Layer layer : layers) {
            if (layer instanceof Convolution convolution) {
                total += convolution.multiplyAdds();
            } else if (layer instanceof Dense dense) {
                total += dense.multiplyAdds();
            }
        }
        return total;
    }

    final long parameterCount() {
        return tensors().stream().mapToLong(Tensor::numel).sum();
    }
}
