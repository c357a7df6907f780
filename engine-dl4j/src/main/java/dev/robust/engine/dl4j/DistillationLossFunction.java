package dev.robust.engine.dl4j;

import dev.robust.engine.DistillationLoss;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The output layer's loss on logits, teacher and student in one function so one model can train either way.
 * The label array says which:
 * <ul>
 * <li>{@code [n, K]}: one-hot labels, loss = softmax cross-entropy (the teacher);</li>
 * <li>{@code [n, 2K]}: one-hot labels then the teacher's logits, loss =
 * {@code (CE(y, s) + KL(softmax(t/T) ‖ softmax(s/T))) / 2} (the student), equal to {@link DistillationLoss}.</li>
 * </ul>
 * The temperature is part of the saved configuration (Jackson-serialised with the model).
 */
public final class DistillationLossFunction implements ILossFunction {

    @JsonProperty("temperature")
    private final double temperature;

    @JsonCreator
    public DistillationLossFunction(@JsonProperty("temperature") double temperature) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be positive, got " + temperature);
        }
        this.temperature = temperature;
    }

    public double temperature() {
        return temperature;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
            boolean average) {
        double sum = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? sum / preOutput.size(0) : sum;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray logits = activationFn.getActivation(preOutput.dup(), true);
        INDArray oneHot = oneHot(labels, logits);
        INDArray perImage = logSoftmax(logits).muli(oneHot).sum(true, 1).negi();
        if (hasTeacher(labels, logits)) {
            INDArray logP = logSoftmax(teacherLogits(labels, logits).div(temperature));
            INDArray logQ = logSoftmax(logits.div(temperature));
            INDArray kl = Transforms.exp(logP, true).muli(logP.sub(logQ)).sum(true, 1);
            perImage.addi(kl).divi(2);
        }
        return applyMask(perImage, mask);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray logits = activationFn.getActivation(preOutput.dup(), true);
        INDArray dLossDLogits = softmax(logits).subi(oneHot(labels, logits));
        if (hasTeacher(labels, logits)) {
            INDArray q = softmax(logits.div(temperature));
            INDArray p = softmax(teacherLogits(labels, logits).div(temperature));
            dLossDLogits.addi(q.subi(p).divi(temperature)).divi(2);
        }
        INDArray gradient = activationFn.backprop(preOutput.dup(), dLossDLogits).getFirst();
        return applyMask(gradient, mask);
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
            INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "distillation(T=" + temperature + ")";
    }

    @Override
    public String toString() {
        return name();
    }

    private static boolean hasTeacher(INDArray labels, INDArray logits) {
        long classes = logits.size(1);
        if (labels.size(1) == classes) {
            return false;
        }
        if (labels.size(1) == 2 * classes) {
            return true;
        }
        throw new IllegalArgumentException("labels must have " + classes + " columns (one-hot) or " + 2 * classes
                + " (one-hot then teacher logits), got " + labels.size(1));
    }

    private static INDArray oneHot(INDArray labels, INDArray logits) {
        return labels.get(NDArrayIndex.all(), NDArrayIndex.interval(0, logits.size(1)));
    }

    private static INDArray teacherLogits(INDArray labels, INDArray logits) {
        return labels.get(NDArrayIndex.all(), NDArrayIndex.interval(logits.size(1), 2 * logits.size(1)));
    }

    /** Row-wise log softmax, shifted by the row maximum so large logits do not overflow. */
    private static INDArray logSoftmax(INDArray logits) {
        INDArray shifted = logits.subColumnVector(logits.max(true, 1));
        INDArray logSumExp = Transforms.log(Transforms.exp(shifted, true).sum(true, 1), false);
        return shifted.subiColumnVector(logSumExp);
    }

    private static INDArray softmax(INDArray logits) {
        return Transforms.exp(logSoftmax(logits), false);
    }

    private static INDArray applyMask(INDArray values, INDArray mask) {
        return mask == null ? values : values.muliColumnVector(mask.reshape(mask.length(), 1).castTo(values.dataType()));
    }
}
