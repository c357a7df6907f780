package dev.robust.engine.torch;

import dev.robust.engine.onnx.OnnxGraph;
import dev.robust.engine.onnx.OnnxGraph.Attribute;

import org.bytedeco.pytorch.Tensor;

import java.util.List;

/**
 * The ONNX nodes of this engine's layers, in inference mode: each takes a square feature map by name and size and
 * returns the map it makes. Convolutions keep their "same" padding as explicit, possibly uneven, pads, so the graph
 * samples the pixels libtorch samples.
 */
final class OnnxExport {
    /** A value of the graph: its name and its (square) spatial size. */
    record Value(String name, long size) {
    }

    private final OnnxGraph graph;

    OnnxExport(OnnxGraph graph) {
        this.graph = graph;
    }

    Value convolution(Convolution conv, Value x) {
        long[] pads = conv.pads(x.size());
        Tensor w = conv.weight();
        String weight = graph.constant(conv.name() + "_W", TensorData.toArray(w), w.size(0), w.size(1), w.size(2),
                w.size(3));
        List<String> inputs = conv.bias() == null ? List.of(x.name(), weight)
                : List.of(x.name(), weight, graph.constant(conv.name() + "_b", TensorData.toArray(conv.bias()),
                conv.bias().size(0)));
        String out = graph.node("Conv", inputs,
                Attribute.ints("kernel_shape", conv.kernel(), conv.kernel()),
                Attribute.ints("strides", conv.stride(), conv.stride()),
                Attribute.ints("pads", pads[0], pads[1], pads[2], pads[3]));
        long size = (x.size() + pads[0] + pads[2] - conv.kernel()) / conv.stride() + 1;
        return new Value(out, size);
    }

    Value batchNorm(BatchNorm norm, Value x) {
        List<String> inputs = List.of(x.name(),
                statistic(norm, "gamma", 0), statistic(norm, "beta", 1), statistic(norm, "mean", 2),
                statistic(norm, "variance", 3));
        String out = graph.node("BatchNormalization", inputs, Attribute.of("epsilon", (float) BatchNorm.EPSILON));
        return new Value(norm.hasRelu() ? graph.node("Relu", List.of(out)) : out, x.size());
    }

    Value convBn(ConvBn pair, Value x) {
        return batchNorm(pair.batchNorm(), convolution(pair.convolution(), x));
    }

    Value maxPool(Value x, long kernel, long stride, boolean ceil) {
        String out = graph.node("MaxPool", List.of(x.name()), Attribute.ints("kernel_shape", kernel, kernel),
                Attribute.ints("strides", stride, stride), Attribute.of("ceil_mode", ceil ? 1L : 0L));
        long span = x.size() - kernel;
        long size = (ceil ? (span + stride - 1) / stride : span / stride) + 1;
        return new Value(out, size);
    }

    /** Max pooling over {@code x} zero-padded by {@code pad} on every side (not pooling's own −∞ padding). */
    Value maxPoolOverZeroPadding(Value x, long pad, long kernel, long stride) {
        String out = graph.maxPoolOverZeroPadding(x.name(), x.size(), x.size(), new long[] {pad, pad, pad, pad},
                kernel, stride);
        return new Value(out, (x.size() + 2 * pad - kernel) / stride + 1);
    }

    Value add(Value a, Value b) {
        return new Value(graph.node("Add", List.of(a.name(), b.name())), a.size());
    }

    Value relu(Value x) {
        return new Value(graph.node("Relu", List.of(x.name())), x.size());
    }

    /** Global average pooling to N×C, then the logits layer; the graph's output. */
    void logits(Value x, Dense dense) {
        String pooled = graph.node("ReduceMean", List.of(x.name()), Attribute.ints("axes", 2, 3),
                Attribute.of("keepdims", 0L));
        String weight = graph.constant(dense.name() + "_W", TensorData.toArray(dense.weight()),
                dense.weight().size(0), dense.weight().size(1));
        String bias = graph.constant(dense.name() + "_b", TensorData.toArray(dense.bias()), dense.bias().size(0));
        String out = graph.node("Gemm", List.of(pooled, weight, bias), Attribute.of("transB", 1L));
        graph.output(out, dense.weight().size(0));
    }

    private String statistic(BatchNorm norm, String what, int index) {
        return graph.constant(norm.name() + "_" + what, TensorData.toArray(norm.tensors().get(index)),
                norm.tensors().get(index).size(0));
    }
}
