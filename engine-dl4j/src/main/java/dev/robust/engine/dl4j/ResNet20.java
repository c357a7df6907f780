package dev.robust.engine.dl4j;

import static dev.robust.engine.dl4j.NetworkLayers.addBatchNormRelu;
import static dev.robust.engine.dl4j.NetworkLayers.batchNorm;
import static dev.robust.engine.dl4j.NetworkLayers.conv;
import static dev.robust.engine.dl4j.NetworkLayers.relu;

import dev.robust.engine.ModelSpec;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.weights.WeightInit;

/**
 * The CIFAR ResNet-20 of He et al. (3 stages of 3 basic blocks, 16/32/64 filters) with 1×1 projection shortcuts
 * where the shape changes: 274,042 parameters for 10 classes, batch-norm statistics included. He-normal
 * initialisation, as usual for this network.
 */
final class ResNet20 {

    static final String NAME = "resnet20";

    private ResNet20() {
    }

    static ComputationGraphConfiguration configuration(ModelSpec spec) {
        GraphBuilder graph = NetworkLayers.startGraph(spec, WeightInit.RELU, ConvolutionMode.Same);
        graph.addLayer("stem_conv", conv(3, 1, 0, 16, false), NetworkLayers.SCALED_PIXELS);
        String x = addBatchNormRelu(graph, "stem", "stem_conv");
        int inputFilters = 16;
        for (int stage = 0; stage < 3; stage++) {
            int filters = 16 << stage;
            for (int block = 0; block < 3; block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                String name = "stage" + (stage + 1) + "_block" + (block + 1);
                graph.addLayer(name + "_1_conv", conv(3, stride, 0, filters, false), x);
                String inner = addBatchNormRelu(graph, name + "_1", name + "_1_conv");
                graph.addLayer(name + "_2_conv", conv(3, 1, 0, filters, false), inner)
                        .addLayer(name + "_2_bn", batchNorm(), name + "_2_conv");
                String shortcut = x;
                if (stride != 1 || inputFilters != filters) {
                    graph.addLayer(name + "_0_conv", conv(1, stride, 0, filters, false), x)
                            .addLayer(name + "_0_bn", batchNorm(), name + "_0_conv");
                    shortcut = name + "_0_bn";
                }
                graph.addVertex(name + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), name + "_2_bn", shortcut)
                        .addLayer(name + "_out", relu(), name + "_add");
                x = name + "_out";
                inputFilters = filters;
            }
        }
        NetworkLayers.endWithLogits(graph, x, spec);
        return graph.build();
    }
}
