package dev.robust.engine.dl4j;

import dev.robust.engine.DistillationLoss;
import dev.robust.engine.ModelSpec;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.graph.ShiftVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The building blocks every architecture shares, configured for DL4J's fast path: NHWC everywhere (the layout
 * the data arrives in; DL4J M2.1 still transposes each convolution's input for oneDNN, ≈ 5 % of a step, and an
 * all-NCHW build measured no faster), workspaces on.
 */
final class NetworkLayers {

    /** Name of the graph input: raw pixel values 0..255 as floats, NHWC. */
    static final String PIXELS = "pixels";
    /** Name of the vertex holding the pixels divided by 127.5, halfway to {@link #SCALED_PIXELS}. */
    static final String SCALED_PIXELS_DIVIDED = "pixels_divided";
    /** Name of the vertex holding the pixels scaled to [-1, 1], where every architecture starts. */
    static final String SCALED_PIXELS = "scaled_pixels";
    /** Name of the output layer: logits, trained with {@link DistillationLossFunction}. */
    static final String LOGITS = "logits";

    /** Keras's BatchNormalization defaults in ResNet50V2: momentum 0.99, epsilon 1.001e-5. */
    private static final double BN_DECAY = 0.99;
    private static final double BN_EPSILON = 1.001e-5;

    private NetworkLayers() {
    }

    /**
     * A graph with the shared settings and the input scaling {@code x / 127.5 − 1}, which lives in the graph so a
     * checkpoint carries it and callers can never forget it. Adam uses Keras's epsilon 1e-7.
     */
    static GraphBuilder startGraph(ModelSpec spec, WeightInit weightInit, ConvolutionMode convolutionMode) {
        GraphBuilder graph = new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                .updater(new Adam(1e-3, 0.9, 0.999, 1e-7))
                .weightInit(weightInit)
                .convolutionMode(convolutionMode)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .graphBuilder()
                .addInputs(PIXELS)
                .setInputTypes(InputType.convolutional(spec.height(), spec.width(), spec.channels(), CNN2DFormat.NHWC));
        graph.addVertex(SCALED_PIXELS_DIVIDED, new ScaleVertex(1 / 127.5), PIXELS)
                .addVertex(SCALED_PIXELS, new ShiftVertex(-1), SCALED_PIXELS_DIVIDED);
        return graph;
    }

    /** Global average pooling and a dense layer of logits (Glorot-uniform, as Keras's Dense), ending the graph. */
    static void endWithLogits(GraphBuilder graph, String input, ModelSpec spec) {
        graph.addLayer("avg_pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), input)
                .addLayer(LOGITS, new OutputLayer.Builder(new DistillationLossFunction(DistillationLoss.DEFAULT_TEMPERATURE))
                        .nOut(spec.classes())
                        .activation(Activation.IDENTITY)
                        .weightInit(WeightInit.XAVIER_UNIFORM)
                        .build(), "avg_pool")
                .setOutputs(LOGITS);
    }

    /** A square convolution without activation; {@code padding} only matters in truncate mode. */
    static ConvolutionLayer conv(int kernel, int stride, int padding, int filters, boolean bias) {
        return new ConvolutionLayer.Builder(kernel, kernel)
                .stride(stride, stride)
                .padding(padding, padding)
                .nOut(filters)
                .hasBias(bias)
                .activation(Activation.IDENTITY)
                .dataFormat(CNN2DFormat.NHWC)
                .build();
    }

    /**
     * Adds {@code prefix_bn}, a batch norm of {@code input}, and {@code prefix_relu}, a ReLU of it, and returns the
     * ReLU's name. The ReLU is a layer of its own: DL4J 1.0.0-M2.1's batch-norm layer ignores a configured
     * activation (its {@code activate()} returns the normalised values).
     */
    static String addBatchNormRelu(GraphBuilder graph, String prefix, String input) {
        graph.addLayer(prefix + "_bn", batchNorm(), input)
                .addLayer(prefix + "_relu", relu(), prefix + "_bn");
        return prefix + "_relu";
    }

    /** Batch norm alone, without activation. */
    static BatchNormalization batchNorm() {
        // Statistics stored as plain variance (not log10 std) so they can be recomputed and set directly.
        return new BatchNormalization.Builder()
                .decay(BN_DECAY)
                .eps(BN_EPSILON)
                .useLogStd(false)
                .activation(Activation.IDENTITY)
                .dataFormat(CNN2DFormat.NHWC)
                .build();
    }

    static ActivationLayer relu() {
        return new ActivationLayer.Builder().activation(Activation.RELU).build();
    }

    static SubsamplingLayer maxPool(int kernel, int stride) {
        return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                .kernelSize(kernel, kernel)
                .stride(stride, stride)
                .dataFormat(CNN2DFormat.NHWC)
                .build();
    }

    static ZeroPaddingLayer zeroPad(int padding) {
        return new ZeroPaddingLayer.Builder(padding, padding).dataFormat(CNN2DFormat.NHWC).build();
    }
}
