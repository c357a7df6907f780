package dev.robust.engine.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An ONNX model built node by node, for engines to export their networks: one float input {@value #INPUT} of
 * N×C×H×W, float initializers for the weights, standard operators of opset {@value #OPSET}, and one float output
 * {@value #OUTPUT}. Written with the ONNX protobuf schema's field numbers; no ONNX library is needed.
 */
public final class OnnxGraph {
    public static final int OPSET = 13;
    /** The IR version that opset 13 came with (ONNX 1.8). */
    private static final long IR_VERSION = 7;
    public static final String INPUT = "images";
    public static final String OUTPUT = "logits";
    private static final int FLOAT = 1;
    private static final int INT64 = 7;
    private static final int ATTRIBUTE_FLOAT = 1;
    private static final int ATTRIBUTE_INT = 2;
    private static final int ATTRIBUTE_INTS = 7;

    private final String name;
    private final long[] inputShape;
    private final List<ProtoWriter> nodes = new ArrayList<>();
    private final List<ProtoWriter> initializers = new ArrayList<>();
    private int counter;
    private long outputClasses = -1;

    /** @param inputShape the input's C, H, W (the batch axis is free) */
    public OnnxGraph(String name, long... inputShape) {
        this.name = name;
        this.inputShape = inputShape.clone();
    }

    /** A name no other value of this graph has, from {@code prefix}. */
    public String fresh(String prefix) {
        return prefix + "_" + counter++;
    }

    /** A constant float tensor (weights, statistics); returns its name. */
    public String constant(String name, float[] values, long... dims) {
        long count = 1;
        for (long dim : dims) count *= dim;
        if (count != values.length) {
            throw new IllegalArgumentException(name + ": " + values.length + " values for dims " + dims.length
                    + "-d tensor of " + count);
        }
        initializers.add(new ProtoWriter().packedVarints(1, dims).varint(2, FLOAT).string(8, name)
                .floatsAsBytes(9, values));
        return name;
    }

    /** A constant 1-d int64 tensor (a Pad node's pads); returns its name. */
    public String constant(String name, long... values) {
        ProtoWriter data = new ProtoWriter();
        for (long value : values) data.fixed64(value);
        initializers.add(new ProtoWriter().packedVarints(1, new long[] {values.length}).varint(2, INT64)
                .string(8, name).bytes(9, data.toByteArray()));
        return name;
    }

    /** Adds a node; returns the name of its (single) output. */
    public String node(String opType, List<String> inputs, Attribute... attributes) {
        String output = fresh(opType.toLowerCase(java.util.Locale.ROOT));
        nodeTo(output, opType, inputs, attributes);
        return output;
    }

    /** Adds a node writing {@code output}. */
    public void nodeTo(String output, String opType, List<String> inputs, Attribute... attributes) {
        ProtoWriter node = new ProtoWriter();
        inputs.forEach(input -> node.string(1, input));
        node.string(2, output).string(3, output).string(4, opType);
        for (Attribute attribute : attributes) node.message(5, attribute.proto());
        nodes.add(node);
    }

    /**
     * Max pooling of {@code x} (N×C×{@code height}×{@code width}) zero-padded by {@code pads} (top, left, bottom,
     * right), as Keras's ZeroPadding2D before MaxPooling2D computes it; returns the output's name. Not Pad then
     * MaxPool: ONNX Runtime's Pad fusion (1.23.2 here) folds a Pad into the MaxPool after it, whose padding is −∞,
     * not zero, so a window of negative values at the border would lose its zero. Instead the MaxPool pads by itself
     * and a constant mask raises every output whose window reaches the padding to at least 0.
     */
    public String maxPoolOverZeroPadding(String x, long height, long width, long[] pads, long kernel, long stride) {
        String pooled = node("MaxPool", List.of(x), Attribute.ints("kernel_shape", kernel, kernel),
                Attribute.ints("strides", stride, stride), Attribute.ints("pads", pads[0], pads[1], pads[2], pads[3]));
        long outHeight = (height + pads[0] + pads[2] - kernel) / stride + 1;
        long outWidth = (width + pads[1] + pads[3] - kernel) / stride + 1;
        float[] mask = new float[Math.toIntExact(outHeight * outWidth)];
        for (int row = 0; row < outHeight; row++) {
            long top = row * stride - pads[0];
            boolean rowReaches = top < 0 || top + kernel > height;
            for (int column = 0; column < outWidth; column++) {
                long left = column * stride - pads[1];
                boolean reaches = rowReaches || left < 0 || left + kernel > width;
                mask[Math.toIntExact(row * outWidth + column)] = reaches ? 0f : Float.NEGATIVE_INFINITY;
            }
        }
        String zeros = constant(fresh("zero_padding_mask"), mask, 1, 1, outHeight, outWidth);
        return node("Max", List.of(pooled, zeros));
    }

    /** Marks {@code value} as the graph's output, N×{@code classes} logits, renaming it {@value #OUTPUT}. */
    public void output(String value, long classes) {
        nodeTo(OUTPUT, "Identity", List.of(value));
        outputClasses = classes;
    }

    public byte[] toBytes() {
        if (outputClasses < 0) throw new IllegalStateException("the graph has no output yet");
        ProtoWriter graph = new ProtoWriter();
        nodes.forEach(node -> graph.message(1, node));
        graph.string(2, name);
        initializers.forEach(initializer -> graph.message(5, initializer));
        long[] input = new long[inputShape.length + 1];
        input[0] = -1;
        System.arraycopy(inputShape, 0, input, 1, inputShape.length);
        graph.message(11, valueInfo(INPUT, input));
        graph.message(12, valueInfo(OUTPUT, new long[] {-1, outputClasses}));
        return new ProtoWriter()
                .varint(1, IR_VERSION)
                .string(2, "robust")
                .message(7, graph)
                .message(8, new ProtoWriter().string(1, "").varint(2, OPSET))
                .toByteArray();
    }

    public void write(Path file) throws IOException {
        Files.write(file, toBytes());
    }

    /** A float tensor's type; -1 is the free batch axis ({@code dim_param "batch"}). */
    private static ProtoWriter valueInfo(String name, long[] dims) {
        ProtoWriter shape = new ProtoWriter();
        for (long dim : dims) {
            shape.message(1, dim < 0 ? new ProtoWriter().string(2, "batch") : new ProtoWriter().varint(1, dim));
        }
        ProtoWriter tensorType = new ProtoWriter().varint(1, FLOAT).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }

    /** A node attribute: an int, a float or a list of ints. */
    public record Attribute(String name, int type, long i, float f, long[] ints) {
        public static Attribute of(String name, long value) {
            return new Attribute(name, ATTRIBUTE_INT, value, 0, null);
        }

        public static Attribute of(String name, float value) {
            return new Attribute(name, ATTRIBUTE_FLOAT, 0, value, null);
        }

        public static Attribute ints(String name, long... values) {
            return new Attribute(name, ATTRIBUTE_INTS, 0, 0, values.clone());
        }

        ProtoWriter proto() {
            ProtoWriter attribute = new ProtoWriter().string(1, name).varint(20, type);
            return switch (type) {
                case ATTRIBUTE_INT -> attribute.varint(3, i);
                case ATTRIBUTE_FLOAT -> attribute.float32(2, f);
                default -> {
                    for (long value : ints) attribute.varint(8, value);
                    yield attribute;
                }
            };
        }
    }
}
