package dev.robust.engine.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Re-estimates every batch-norm layer's running mean and variance from data: the plain average, over batches, of
 * each layer's per-batch mean and (biased) variance of its input, with the network in training mode so every layer
 * sees the activations training produced. This is what SWA needs after averaging weights (as PyTorch's
 * {@code update_bn} does); DL4J itself only moves the statistics through its updater during {@code fit}.
 */
final class BatchNormStatistics {

    private final ComputationGraph network;
    private final List<Accumulator> accumulators = new ArrayList<>();
    private int batches;

    BatchNormStatistics(ComputationGraph network) {
        this.network = network;
        for (Layer layer : network.getLayers()) {
            if (layer instanceof BatchNormalization batchNorm) {
                accumulators.add(new Accumulator(batchNorm, inputOf(batchNorm)));
            }
        }
    }

    void accumulate(INDArray pixels) {
        Map<String, INDArray> activations = network.feedForward(new INDArray[] {pixels}, true, false);
        for (Accumulator accumulator : accumulators) {
            accumulator.add(activations.get(accumulator.input));
        }
        // Detached activations live off-heap until the garbage collector finds them, which a roomy heap may not do
        // for a whole epoch: a ResNet-20 pass over 5,000 images held 7 GB. Free each batch's at once.
        activations.values().forEach(BatchNormStatistics::release);
        batches++;
    }

    private static void release(INDArray array) {
        if (array.closeable()) {
            array.close();
        }
    }

    /** Writes the averages into the layers' {@code mean} and {@code var} parameters. */
    void assign() {
        if (batches == 0) {
            throw new IllegalArgumentException("recomputing batch-norm statistics needs at least one batch, got none");
        }
        for (Accumulator accumulator : accumulators) {
            accumulator.assign(batches);
        }
    }

    private String inputOf(BatchNormalization batchNorm) {
        String name = batchNorm.conf().getLayer().getLayerName();
        if (batchNorm.layerConf().isUseLogStd()) {
            throw new IllegalStateException("batch-norm layer '" + name + "' stores log10 std; this engine builds"
                    + " layers with plain variance and cannot recompute the other form");
        }
        return network.getConfiguration().getVertexInputs().get(name).get(0);
    }

    private static final class Accumulator {
        private final BatchNormalization layer;
        private final String input;
        private INDArray meanSum;
        private INDArray varianceSum;

        Accumulator(BatchNormalization layer, String input) {
            this.layer = layer;
            this.input = input;
        }

        void add(INDArray activations) {
            int[] reduceOver = activations.rank() == 2 ? new int[] {0}
                    : layer.layerConf().getCnn2DFormat() == CNN2DFormat.NHWC ? new int[] {0, 1, 2} : new int[] {0, 2, 3};
            INDArray values = activations.castTo(DataType.DOUBLE);
            INDArray mean = values.mean(reduceOver);
            INDArray variance = values.var(false, reduceOver);
            if (values != activations) {
                release(values);
            }
            if (meanSum == null) {
                meanSum = mean;
                varianceSum = variance;
            } else {
                meanSum.addi(mean);
                varianceSum.addi(variance);
                release(mean);
                release(variance);
            }
        }

        void assign(int batches) {
            INDArray mean = layer.getParam("mean");
            INDArray variance = layer.getParam("var");
            mean.assign(meanSum.div(batches).castTo(mean.dataType()).reshape(mean.shape()));
            variance.assign(varianceSum.div(batches).castTo(variance.dataType()).reshape(variance.shape()));
        }
    }
}
