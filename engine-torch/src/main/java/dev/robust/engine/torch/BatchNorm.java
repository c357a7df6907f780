package dev.robust.engine.torch;

import java.util.Arrays;
import java.util.List;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Batch normalisation over channels with Keras's settings in ResNet50V2 (momentum 0.99, epsilon 1.001e-5), optionally
 * followed by ReLU. Four values per channel, as Keras counts them: gamma, beta, running mean, running variance.
 *
 * <p>libtorch moves the running variance with the unbiased batch variance (Keras and DL4J use the biased one); at
 * the batch sizes used here (≥ 8 images × the feature map) the two differ by under 0.1 %.
 */
final class BatchNorm extends Layer {

    /** libtorch's momentum is the weight of the new batch: Keras's 0.99 decay. */
    private static final double MOMENTUM = 0.01;
    static final double EPSILON = 1.001e-5;
    private static final long[] BATCH_AND_SPATIAL = {0, 2, 3};

    private final int channels;
    private final boolean relu;
    private final Tensor gamma;
    private final Tensor beta;
    private final Tensor runningMean;
    private final Tensor runningVariance;
    private final TensorOptional gammaOption;
    private final TensorOptional betaOption;
    private final TensorOptional runningMeanOption;
    private final TensorOptional runningVarianceOption;
    private final TensorOptional none = new TensorOptional();

    private double[] meanSum;
    private double[] varianceSum;

    BatchNorm(String name, int channels, boolean relu) {
        super(name);
        this.channels = channels;
        this.relu = relu;
        float[] ones = new float[channels];
        Arrays.fill(ones, 1f);
        this.gamma = parameter(ones, true, channels);
        this.beta = parameter(new float[channels], true, channels);
        this.runningMean = parameter(new float[channels], false, channels);
        this.runningVariance = parameter(ones, false, channels);
        this.gammaOption = new TensorOptional(gamma);
        this.betaOption = new TensorOptional(beta);
        this.runningMeanOption = new TensorOptional(runningMean);
        this.runningVarianceOption = new TensorOptional(runningVariance);
    }

    Tensor forward(Tensor input, Pass pass) {
        Tensor normalised = switch (pass) {
            case TRAINING -> torch.batch_norm(input, gammaOption, betaOption, runningMeanOption, runningVarianceOption,
                    true, MOMENTUM, EPSILON, true);
            case INFERENCE, FOLDED -> torch.batch_norm(input, gammaOption, betaOption, runningMeanOption, runningVarianceOption,
                    false, MOMENTUM, EPSILON, true);
            case STATISTICS -> {
                record(input);
                yield torch.batch_norm(input, gammaOption, betaOption, none, none, true, MOMENTUM, EPSILON, true);
            }
        };
        return activate(normalised);
    }

    boolean hasRelu() {
        return relu;
    }

    /** ReLU in place when this layer has it: what follows normalisation, also after a folded convolution. */
    Tensor activate(Tensor normalised) {
        return relu ? torch.relu_(normalised) : normalised;
    }

    /**
     * Per channel, the factor {@code gamma / sqrt(variance + epsilon)} and the shift {@code beta - mean * factor}
     * that inference-mode normalisation applies: what a preceding convolution absorbs when folded.
     */
    Tensor[] inferenceScaleAndShift() {
        Tensor scale = gamma.div(runningVariance.add(new Scalar(EPSILON)).sqrt());
        return new Tensor[] {scale, beta.sub(runningMean.mul(scale))};
    }

    /** Forgets recorded statistics; the next {@link Pass#STATISTICS} passes record afresh. */
    void startStatistics() {
        meanSum = new double[channels];
        varianceSum = new double[channels];
    }

    /** Sets the running statistics to the averages over {@code batches} recorded passes. */
    void assignStatistics(int batches) {
        float[] mean = new float[channels];
        float[] variance = new float[channels];
        for (int c = 0; c < channels; c++) {
            mean[c] = (float) (meanSum[c] / batches);
            variance[c] = (float) (varianceSum[c] / batches);
        }
        TensorData.write(runningMean, mean, 0);
        TensorData.write(runningVariance, variance, 0);
        meanSum = null;
        varianceSum = null;
    }

    private void record(Tensor input) {
        if (meanSum == null) {
            throw new IllegalStateException("batch-norm layer '" + name() + "' was asked to record statistics"
                    + " without startStatistics()");
        }
        // In FP32 whatever the pass computes in: under bf16 autocast the input is bf16.
        T_TensorTensor_T varianceAndMean = torch.var_mean(input.to(ScalarType.Float), BATCH_AND_SPATIAL, false,
                false);
        float[] variance = TensorData.toArray(varianceAndMean.get0());
        float[] mean = TensorData.toArray(varianceAndMean.get1());
        for (int c = 0; c < channels; c++) {
            meanSum[c] += mean[c];
            varianceSum[c] += variance[c];
        }
    }

    @Override
    List<Tensor> tensors() {
        return List.of(gamma, beta, runningMean, runningVariance);
    }

    @Override
    List<Tensor> trainable() {
        return List.of(gamma, beta);
    }
}
