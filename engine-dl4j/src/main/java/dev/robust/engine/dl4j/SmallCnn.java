package dev.robust.engine.dl4j;

import static dev.robust.engine.dl4j.NetworkLayers.addBatchNormRelu;
import static dev.robust.engine.dl4j.NetworkLayers.conv;
import static dev.robust.engine.dl4j.NetworkLayers.maxPool;

import dev.robust.engine.ModelSpec;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.weights.WeightInit;

/**
 * A compact VGG-style CNN for the {@code ci} and {@code quick} profiles: three conv-BN-ReLU stages of 32, 64 and
 * 128 filters with max pooling between them. Small enough to train in seconds on two cores, and it learns.
 */
final class SmallCnn {

    static final String NAME = "smallcnn";

    private SmallCnn() {
    }

    static ComputationGraphConfiguration configuration(ModelSpec spec) {
        GraphBuilder graph = NetworkLayers.startGraph(spec, WeightInit.RELU, ConvolutionMode.Same);
        graph.addLayer("conv1_conv", conv(3, 1, 0, 32, false), NetworkLayers.SCALED_PIXELS)
                .addLayer("pool1", maxPool(2, 2), addBatchNormRelu(graph, "conv1", "conv1_conv"))
                .addLayer("conv2_conv", conv(3, 1, 0, 64, false), "pool1")
                .addLayer("pool2", maxPool(2, 2), addBatchNormRelu(graph, "conv2", "conv2_conv"))
                .addLayer("conv3_conv", conv(3, 1, 0, 128, false), "pool2");
        NetworkLayers.endWithLogits(graph, addBatchNormRelu(graph, "conv3", "conv3_conv"), spec);
        return graph.build();
    }
}
