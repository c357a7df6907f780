package dev.robust.engine.dl4j;

import dev.robust.engine.ModelSpec;
import dev.robust.engine.onnx.OnnxGraph;
import dev.robust.engine.onnx.OnnxGraph.Attribute;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A DL4J graph as ONNX, walked vertex by vertex in its topological order, so every architecture the engine builds
 * exports the same way. DL4J computes NHWC and the export is NCHW: convolution weights are stored
 * [out, in, kH, kW] whatever the data format, so only the pooling axes change. "Same" mode becomes explicit pads
 * with the odd row and column at the bottom and right, as DL4J's convolutions sample them; the input scaling
 * vertices are left out, since the export's input is already in [-1, 1]. Anything else is refused by name.
 */
final class OnnxExport {

    /**
     * A value of the graph: its name and spatial size. A zero-padded value is kept as its unpadded source and the
     * pads (top, left, bottom, right) until a node reads it, because a max pool must not read it through a Pad.
     */
    private record Value(String name, long height, long width, Value unpadded, long[] zeroPads) {
        Value(String name, long height, long width) {
            this(name, height, width, null, null);
        }
    }

    private final ComputationGraph network;
    private final OnnxGraph graph;
    private final Map<String, Value> values = new HashMap<>();

    private OnnxExport(ComputationGraph network, OnnxGraph graph) {
        this.network = network;
        this.graph = graph;
    }

    static OnnxGraph graph(ModelSpec spec, ComputationGraph network) {
        OnnxGraph graph = new OnnxGraph(spec.architecture(), spec.channels(), spec.height(), spec.width());
        new OnnxExport(network, graph).walk(spec);
        return graph;
    }

    private void walk(ModelSpec spec) {
        ComputationGraphConfiguration configuration = network.getConfiguration();
        values.put(NetworkLayers.SCALED_PIXELS, new Value(OnnxGraph.INPUT, spec.height(), spec.width()));
        for (String name : configuration.getTopologicalOrderStr()) {
            if (name.equals(NetworkLayers.PIXELS) || name.equals(NetworkLayers.SCALED_PIXELS)
                    || name.equals(NetworkLayers.SCALED_PIXELS_DIVIDED)) {
                continue;
            }
            List<Value> inputs = configuration.getVertexInputs().get(name).stream().map(this::value).toList();
            GraphVertex vertex = configuration.getVertices().get(name);
            if (vertex instanceof LayerVertex layer) {
                Layer conf = layer.getLayerConf().getLayer();
                Value input = inputs.get(0);
                values.put(name, input.zeroPads() != null && isMaxPool(conf)
                        ? maxPoolOverZeros(name, (SubsamplingLayer) conf, input)
                        : layer(name, conf, padded(input)));
            } else if (vertex instanceof ElementWiseVertex sum && sum.getOp() == ElementWiseVertex.Op.Add) {
                List<Value> terms = inputs.stream().map(this::padded).toList();
                values.put(name, new Value(graph.node("Add", terms.stream().map(Value::name).toList()),
                        terms.get(0).height(), terms.get(0).width()));
            } else {
                throw refused(name, vertex.getClass().getSimpleName());
            }
        }
    }

    private Value value(String name) {
        Value value = values.get(name);
        if (value == null) throw refused(name, "an input the export does not know");
        return value;
    }

    private Value layer(String name, Layer layer, Value x) {
        if (layer instanceof ConvolutionLayer conv && layer.getClass() == ConvolutionLayer.class) {
            return activation(name, conv, convolution(name, conv, x));
        }
        if (layer instanceof BatchNormalization norm) {
            // DL4J 1.0.0-M2.1's batch-norm layer ignores its configured activation (its activate() returns the
            // normalised values), so the export writes none either. The engine now follows batch norm with a ReLU
            // layer, exported below; checkpoints made before that configured RELU here and ran without it.
            return batchNorm(name, norm, x);
        }
        if (layer instanceof ActivationLayer activation) {
            return activation(name, activation.getActivationFn(), x);
        }
        if (isMaxPool(layer)) {
            return maxPool(name, (SubsamplingLayer) layer, x);
        }
        if (layer instanceof ZeroPaddingLayer pad) {
            int[] p = pad.getPadding(); // top, bottom, left, right
            return new Value(name, x.height() + p[0] + p[1], x.width() + p[2] + p[3], x,
                    new long[] {p[0], p[2], p[1], p[3]});
        }
        if (layer instanceof GlobalPoolingLayer pool && pool.getPoolingType() == PoolingType.AVG) {
            return new Value(graph.node("ReduceMean", List.of(x.name()), Attribute.ints("axes", 2, 3),
                    Attribute.of("keepdims", 0L)), 1, 1);
        }
        if (layer instanceof OutputLayer dense && dense.getActivationFn() instanceof ActivationIdentity) {
            INDArray weight = param(name, "W");
            String logits = graph.node("Gemm", List.of(x.name(),
                    graph.constant(name + "_W", floats(weight), weight.size(0), weight.size(1)),
                    graph.constant(name + "_b", floats(param(name, "b")), weight.size(1))));
            graph.output(logits, weight.size(1));
            return new Value(logits, 1, 1);
        }
        throw refused(name, layer.getClass().getSimpleName());
    }

    private static boolean isMaxPool(Layer layer) {
        return layer.getClass() == SubsamplingLayer.class
                && ((SubsamplingLayer) layer).getPoolingType() == PoolingType.MAX;
    }

    /** {@code x} itself, or a Pad node that zero-pads its source when it is a zero-padded value. */
    private Value padded(Value x) {
        if (x.zeroPads() == null) return x;
        long[] p = x.zeroPads();
        String pads = graph.constant(x.name() + "_pads", 0, 0, p[0], p[1], 0, 0, p[2], p[3]);
        return new Value(graph.node("Pad", List.of(x.unpadded().name(), pads)), x.height(), x.width());
    }

    /** A max pool reading a zero-padded value, in truncate mode (its own padding would be −∞, not zeros). */
    private Value maxPoolOverZeros(String name, SubsamplingLayer pool, Value x) {
        int[] kernel = pool.getKernelSize();
        int[] stride = pool.getStride();
        if (pool.getConvolutionMode() != ConvolutionMode.Truncate || pool.getPadding()[0] != 0
                || pool.getPadding()[1] != 0 || kernel[0] != kernel[1] || stride[0] != stride[1]) {
            throw refused(name, "a max pool with its own padding after zero padding");
        }
        Value source = x.unpadded();
        String out = graph.maxPoolOverZeroPadding(source.name(), source.height(), source.width(), x.zeroPads(),
                kernel[0], stride[0]);
        return new Value(out, (x.height() - kernel[0]) / stride[0] + 1, (x.width() - kernel[1]) / stride[1] + 1);
    }

    private Value convolution(String name, ConvolutionLayer conv, Value x) {
        int[] kernel = conv.getKernelSize();
        int[] stride = conv.getStride();
        long[] height = pads(conv.getConvolutionMode(), x.height(), kernel[0], stride[0], conv.getPadding()[0]);
        long[] width = pads(conv.getConvolutionMode(), x.width(), kernel[1], stride[1], conv.getPadding()[1]);
        INDArray weight = param(name, "W");
        String weights = graph.constant(name + "_W", floats(weight), weight.shape());
        List<String> inputs = conv.hasBias()
                ? List.of(x.name(), weights, graph.constant(name + "_b", floats(param(name, "b")), weight.size(0)))
                : List.of(x.name(), weights);
        String out = graph.node("Conv", inputs, Attribute.ints("kernel_shape", kernel[0], kernel[1]),
                Attribute.ints("strides", stride[0], stride[1]),
                Attribute.ints("pads", height[0], width[0], height[1], width[1]));
        return new Value(out, outputSize(x.height(), kernel[0], stride[0], height),
                outputSize(x.width(), kernel[1], stride[1], width));
    }

    private Value maxPool(String name, SubsamplingLayer pool, Value x) {
        int[] kernel = pool.getKernelSize();
        int[] stride = pool.getStride();
        long[] height = pads(pool.getConvolutionMode(), x.height(), kernel[0], stride[0], pool.getPadding()[0]);
        long[] width = pads(pool.getConvolutionMode(), x.width(), kernel[1], stride[1], pool.getPadding()[1]);
        String out = graph.node("MaxPool", List.of(x.name()), Attribute.ints("kernel_shape", kernel[0], kernel[1]),
                Attribute.ints("strides", stride[0], stride[1]),
                Attribute.ints("pads", height[0], width[0], height[1], width[1]));
        return new Value(out, outputSize(x.height(), kernel[0], stride[0], height),
                outputSize(x.width(), kernel[1], stride[1], width));
    }

    private Value batchNorm(String name, BatchNormalization norm, Value x) {
        if (norm.isUseLogStd() || norm.isLockGammaBeta()) {
            throw refused(name, "batch norm with log-std statistics or locked gamma/beta");
        }
        List<String> inputs = List.of(x.name(), statistic(name, "gamma"), statistic(name, "beta"),
                statistic(name, "mean"), statistic(name, "var"));
        return new Value(graph.node("BatchNormalization", inputs, Attribute.of("epsilon", (float) norm.getEps())),
                x.height(), x.width());
    }

    private Value activation(String name, BaseLayer layer, Value x) {
        return activation(name, layer.getActivationFn(), x);
    }

    private Value activation(String name, IActivation activation, Value x) {
        if (activation instanceof ActivationIdentity) return x;
        if (activation instanceof ActivationReLU) {
            return new Value(graph.node("Relu", List.of(x.name())), x.height(), x.width());
        }
        throw refused(name, "activation " + activation);
    }

    /**
     * Before and after padding of one spatial axis: "same" mode pads to ceil(size / stride) outputs with the odd
     * row or column after, as DL4J computes it; truncate mode pads {@code padding} on both sides.
     */
    private static long[] pads(ConvolutionMode mode, long size, int kernel, int stride, int padding) {
        if (mode == ConvolutionMode.Same) {
            long out = (size + stride - 1) / stride;
            long total = Math.max((out - 1) * stride + kernel - size, 0);
            return new long[] {total / 2, total - total / 2};
        }
        if (mode == ConvolutionMode.Truncate) return new long[] {padding, padding};
        throw new UnsupportedOperationException("DL4J convolution mode " + mode + " cannot be exported to ONNX");
    }

    private static long outputSize(long size, int kernel, int stride, long[] pads) {
        return (size + pads[0] + pads[1] - kernel) / stride + 1;
    }

    private String statistic(String layer, String what) {
        INDArray values = param(layer, what);
        return graph.constant(layer + "_" + what, floats(values), values.length());
    }

    private INDArray param(String layer, String key) {
        return network.getLayer(layer).getParam(key);
    }

    private static float[] floats(INDArray values) {
        return values.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    private static UnsupportedOperationException refused(String vertex, String what) {
        return new UnsupportedOperationException("the DL4J engine cannot export vertex '" + vertex + "' ("
                + what + ") to ONNX");
    }
}
