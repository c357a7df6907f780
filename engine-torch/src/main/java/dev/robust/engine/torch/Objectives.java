package dev.robust.engine.torch;

import dev.robust.engine.DistillationLoss;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The recipe's losses on logits as libtorch expressions, so autograd differentiates them: softmax cross-entropy for
 * the teacher and {@code (CE(y, s) + KL(softmax(t/T) ‖ softmax(s/T))) / 2} for the student, both averaged over the
 * batch, equal to {@link DistillationLoss} (no T² factor).
 */
final class Objectives {

    /** {@code at::Reduction::Sum}. */
    private static final long SUM = 2;

    private Objectives() {
    }

    /** Mean softmax cross-entropy of {@code logits} [n, K] against class indices {@code labels} [n] (int64). */
    static Tensor crossEntropy(Tensor logits, Tensor labels) {
        return torch.cross_entropy_loss(logits, labels);
    }

    /**
     * Mean student loss; {@code teacherLogits} [n, K] are constants (no gradient flows to the teacher).
     */
    static Tensor distillation(Tensor studentLogits, Tensor teacherLogits, Tensor labels, double temperature) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be positive, got " + temperature);
        }
        Scalar t = new Scalar(temperature);
        Tensor logQ = torch.log_softmax(studentLogits.div(t), 1);
        Tensor logP = torch.log_softmax(teacherLogits.div(t), 1);
        // kl_div(input = log q, target = log p, log_target) sums p·(log p − log q); per image, then the batch mean.
        Tensor kl = torch.kl_div(logQ, logP, SUM, true).div(new Scalar((double) studentLogits.size(0)));
        return crossEntropy(studentLogits, labels).add(kl).div(new Scalar(2.0));
    }
}
