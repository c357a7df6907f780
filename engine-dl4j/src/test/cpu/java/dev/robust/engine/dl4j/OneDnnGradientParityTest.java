package dev.robust.engine.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * oneDNN must not change the maths: with and without helpers, one network and one batch give the same loss and
 * gradients. DL4J reads the helpers property when it constructs each layer, so flipping it between two builds in
 * one JVM gives one network of each kind.
 */
class OneDnnGradientParityTest {

    @AfterEach
    void switchHelpersBackOn() {
        OneDnn.enableLayerHelpers();
    }

    @ParameterizedTest
    @EnumSource(CNN2DFormat.class)
    void helpersGiveTheSameLossAndGradientsAsBuiltInLayers(CNN2DFormat format) {
        System.setProperty(OneDnn.HELPERS_DISABLED_PROPERTY, "true");
        ComputationGraph builtIn = network(format);
        OneDnn.enableLayerHelpers();
        ComputationGraph oneDnn = network(format);
        oneDnn.setParams(builtIn.params().dup());

        assertEquals(List.of("conv1", "bn1", "conv2", "bn2"), OneDnnSelfCheck.layersWithoutHelper(builtIn));
        assertEquals(List.of(), OneDnnSelfCheck.layersWithoutHelper(oneDnn));

        Nd4j.getRandom().setSeed(3);
        long[] shape = format == CNN2DFormat.NCHW ? new long[] {6, 3, 12, 12} : new long[] {6, 12, 12, 3};
        INDArray input = Nd4j.rand(DataType.FLOAT, shape).subi(0.5).muli(2);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 6, 5);
        for (int i = 0; i < 6; i++) {
            labels.putScalar(i, i % 5, 1f);
        }
        INDArray builtInGradient = gradient(builtIn, input, labels);
        INDArray oneDnnGradient = gradient(oneDnn, input, labels);

        assertEquals(builtIn.score(), oneDnn.score(), 1e-4 * Math.abs(builtIn.score()));
        double relativeError = builtInGradient.sub(oneDnnGradient).norm2Number().doubleValue()
                / builtInGradient.norm2Number().doubleValue();
        assertTrue(relativeError < 1e-3, format + " gradients differ by " + relativeError + " (relative L2)");
    }

    private static INDArray gradient(ComputationGraph network, INDArray input, INDArray labels) {
        network.setInput(0, input);
        network.setLabel(0, labels);
        network.computeGradientAndScore();
        return network.gradient().gradient().dup();
    }

    /** Conv, BN+ReLU, max pool, conv, BN, global pool, softmax: every layer type with a oneDNN helper. */
    private static ComputationGraph network(CNN2DFormat format) {
        var configuration = new NeuralNetConfiguration.Builder()
                .seed(11)
                .updater(new Adam(1e-3))
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Same)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(12, 12, 3, format))
                .addLayer("conv1", new ConvolutionLayer.Builder(3, 3).nOut(8).dataFormat(format)
                        .activation(Activation.IDENTITY).build(), "in")
                .addLayer("bn1", new BatchNormalization.Builder().dataFormat(format).activation(Activation.RELU).build(),
                        "conv1")
                .addLayer("pool", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2)
                        .stride(2, 2).dataFormat(format).build(), "bn1")
                .addLayer("conv2", new ConvolutionLayer.Builder(3, 3).nOut(8).dataFormat(format)
                        .activation(Activation.IDENTITY).build(), "pool")
                .addLayer("bn2", new BatchNormalization.Builder().dataFormat(format).build(), "conv2")
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "bn2")
                .addLayer("out", new OutputLayer.Builder().nOut(5).activation(Activation.SOFTMAX).build(), "gap")
                .setOutputs("out")
                .build();
        ComputationGraph network = new ComputationGraph(configuration);
        network.init();
        return network;
    }
}
