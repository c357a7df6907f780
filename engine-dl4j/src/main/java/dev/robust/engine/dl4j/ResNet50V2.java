package dev.robust.engine.dl4j;

import static dev.robust.engine.dl4j.NetworkLayers.addBatchNormRelu;
import static dev.robust.engine.dl4j.NetworkLayers.conv;
import static dev.robust.engine.dl4j.NetworkLayers.maxPool;
import static dev.robust.engine.dl4j.NetworkLayers.zeroPad;

import dev.robust.engine.ModelSpec;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.weights.WeightInit;

/**
 * Keras {@code ResNet50V2(include_top=False)} (pre-activation bottleneck blocks, stride in each stack's last block)
 * plus global average pooling and Dense(classes): 23,585,290 parameters for 10 classes, batch-norm statistics
 * included, layer names as in Keras. Convolutions use Keras's default Glorot-uniform initialisation.
 *
 * <p>Keras pads explicitly before the strided convolutions; a convolution with the same padding in truncate mode
 * computes the same thing in one layer. The stem's max pooling keeps an explicit zero padding because pooling's
 * own padding would ignore the border instead of treating it as zeros.
 */
final class ResNet50V2 {

    static final String NAME = "resnet50v2";

    private ResNet50V2() {
    }

    static ComputationGraphConfiguration configuration(ModelSpec spec) {
        GraphBuilder graph = NetworkLayers.startGraph(spec, WeightInit.XAVIER_UNIFORM, ConvolutionMode.Truncate);
        graph.addLayer("conv1_conv", conv(7, 2, 3, 64, true), NetworkLayers.SCALED_PIXELS)
                .addLayer("pool1_pad", zeroPad(1), "conv1_conv")
                .addLayer("pool1_pool", maxPool(3, 2), "pool1_pad");
        String x = "pool1_pool";
        x = stack(graph, x, 64, 3, 2, "conv2");
        x = stack(graph, x, 128, 4, 2, "conv3");
        x = stack(graph, x, 256, 6, 2, "conv4");
        x = stack(graph, x, 512, 3, 1, "conv5");
        NetworkLayers.endWithLogits(graph, addBatchNormRelu(graph, "post", x), spec);
        return graph.build();
    }

    /** Keras {@code stack2}: a projection block, plain blocks, and a last block carrying the stride. */
    private static String stack(GraphBuilder graph, String input, int filters, int blocks, int stride, String name) {
        String x = block(graph, input, filters, 1, true, name + "_block1");
        for (int i = 2; i < blocks; i++) {
            x = block(graph, x, filters, 1, false, name + "_block" + i);
        }
        return block(graph, x, filters, stride, false, name + "_block" + blocks);
    }

    /** Keras {@code block2}: BN-ReLU, then 1×1, 3×3 (strided), 1×1 (4× filters) convolutions plus the shortcut. */
    private static String block(GraphBuilder graph, String input, int filters, int stride, boolean projection,
            String name) {
        String preact = addBatchNormRelu(graph, name + "_preact", input);
        String shortcut;
        if (projection) {
            graph.addLayer(name + "_0_conv", conv(1, stride, 0, 4 * filters, true), preact);
            shortcut = name + "_0_conv";
        } else if (stride > 1) {
            graph.addLayer(name + "_0_pool", maxPool(1, stride), input);
            shortcut = name + "_0_pool";
        } else {
            shortcut = input;
        }
        graph.addLayer(name + "_1_conv", conv(1, 1, 0, filters, false), preact);
        String x = addBatchNormRelu(graph, name + "_1", name + "_1_conv");
        graph.addLayer(name + "_2_conv", conv(3, stride, 1, filters, false), x);
        x = addBatchNormRelu(graph, name + "_2", name + "_2_conv");
        graph.addLayer(name + "_3_conv", conv(1, 1, 0, 4 * filters, true), x)
                .addVertex(name + "_out", new ElementWiseVertex(ElementWiseVertex.Op.Add), shortcut, name + "_3_conv");
        return name + "_out";
    }
}
