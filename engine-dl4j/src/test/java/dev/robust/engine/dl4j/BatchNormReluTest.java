package dev.robust.engine.dl4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robust.engine.Engines;
import dev.robust.engine.ModelSpec;
import dev.robust.engine.testing.SyntheticBatches;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ReLUs after batch norm are applied, as the torch engine applies them. In all three architectures every
 * convolution but the first reads rectified values (a ReLU after a batch norm or after a residual sum), and so does
 * the global pool. DL4J 1.0.0-M2.1's batch-norm layer ignores its configured activation, so a ReLU configured there
 * leaves negative values in these places.
 */
class BatchNormReluTest {

    @ParameterizedTest
    @CsvSource({"smallcnn, 32, true", "smallcnn, 32, false", "resnet20, 32, true", "resnet20, 32, false",
            "resnet50v2, 64, true", "resnet50v2, 64, false"})
    void everyConvolutionButTheFirstAndTheGlobalPoolReadRectifiedValues(String architecture, int side,
            boolean training) {
        ComputationGraph network = ((Dl4jModel) Engines.named("dl4j").create(ModelSpec.of(architecture, side, 10, 3)))
                .network();
        Map<String, INDArray> activations = network.feedForward(
                new INDArray[] {Dl4jModel.pixels(SyntheticBatches.randomPixels(4, side, 5))}, training, false);
        ComputationGraphConfiguration configuration = network.getConfiguration();
        int checked = 0;
        for (var entry : configuration.getVertices().entrySet()) {
            if (!(entry.getValue() instanceof LayerVertex layer)) continue;
            var conf = layer.getLayerConf().getLayer();
            String input = configuration.getVertexInputs().get(entry.getKey()).get(0);
            boolean readsFeatures = conf instanceof GlobalPoolingLayer
                    || conf instanceof ConvolutionLayer && !input.equals(NetworkLayers.SCALED_PIXELS);
            if (!readsFeatures) continue;
            INDArray values = activations.get(input);
            double min = values.minNumber().doubleValue();
            assertTrue(min >= 0, entry.getKey() + " reads '" + input + "', whose smallest value is " + min);
            assertTrue(values.eq(0).castTo(values.dataType()).sumNumber().doubleValue() > 0,
                    "no value of '" + input + "' was clipped to zero");
            checked++;
        }
        assertTrue(checked > 0, "no layer of " + architecture + " was checked");
    }
}
