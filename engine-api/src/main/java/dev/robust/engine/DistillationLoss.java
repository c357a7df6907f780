package dev.robust.engine;

/**
 * The recipe's losses computed in plain double precision: the reference every engine's own implementation is tested
 * against.
 *
 * <p>Student loss per image: {@code (CE(y, s) + KL(softmax(t/T) ‖ softmax(s/T))) / 2}, averaged over the batch.
 * There is deliberately no T² factor (Hinton et al. scale the soft term by T²; the reference recipe does not), so
 * with T = 10 the soft term is small and the labels dominate.
 */
public final class DistillationLoss {

    /** T of the recipe. */
    public static final double DEFAULT_TEMPERATURE = 10.0;

    private DistillationLoss() {
    }

    /** Mean student loss over the batch. */
    public static double studentLoss(Logits student, Logits teacher, int[] labels, double temperature) {
        requireSameShape(student, teacher);
        double sum = 0;
        for (int r = 0; r < student.rows(); r++) {
            sum += studentLoss(student.row(r), teacher.row(r), labels[r], temperature);
        }
        return sum / student.rows();
    }

    /** Student loss for one image. */
    public static double studentLoss(float[] studentLogits, float[] teacherLogits, int label, double temperature) {
        return (crossEntropy(studentLogits, label) + klDivergence(teacherLogits, studentLogits, temperature)) / 2;
    }

    /** Softmax cross-entropy of one image's logits against its label: {@code -log softmax(logits)[label]}. */
    public static double crossEntropy(float[] logits, int label) {
        if (label < 0 || label >= logits.length) {
            throw new IllegalArgumentException("label " + label + " outside 0.." + (logits.length - 1));
        }
        return -logSoftmax(logits, 1.0)[label];
    }

    /** {@code KL(softmax(t/T) ‖ softmax(s/T)) = Σ p·(log p − log q)}. */
    public static double klDivergence(float[] teacherLogits, float[] studentLogits, double temperature) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be positive, got " + temperature);
        }
        double[] logP = logSoftmax(teacherLogits, temperature);
        double[] logQ = logSoftmax(studentLogits, temperature);
        double kl = 0;
        for (int i = 0; i < logP.length; i++) {
            kl += Math.exp(logP[i]) * (logP[i] - logQ[i]);
        }
        return kl;
    }

    /**
     * d(student loss)/d(student logits) for one image: {@code (softmax(s) − onehot(y) + (softmax(s/T) − softmax(t/T)) / T) / 2}.
     * Engines that hand-write their loss check their backward pass against this.
     */
    public static double[] studentGradient(float[] studentLogits, float[] teacherLogits, int label, double temperature) {
        double[] logS = logSoftmax(studentLogits, 1.0);
        double[] logQ = logSoftmax(studentLogits, temperature);
        double[] logP = logSoftmax(teacherLogits, temperature);
        double[] gradient = new double[studentLogits.length];
        for (int i = 0; i < gradient.length; i++) {
            double hard = Math.exp(logS[i]) - (i == label ? 1 : 0);
            double soft = (Math.exp(logQ[i]) - Math.exp(logP[i])) / temperature;
            gradient[i] = (hard + soft) / 2;
        }
        return gradient;
    }

    /** log softmax(logits / temperature), shifted by the maximum so large logits do not overflow. */
    static double[] logSoftmax(float[] logits, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (float logit : logits) {
            max = Math.max(max, logit / temperature);
        }
        double sumExp = 0;
        for (float logit : logits) {
            sumExp += Math.exp(logit / temperature - max);
        }
        double logSum = max + Math.log(sumExp);
        double[] result = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            result[i] = logits[i] / temperature - logSum;
        }
        return result;
    }

    private static void requireSameShape(Logits student, Logits teacher) {
        if (student.rows() != teacher.rows() || student.classes() != teacher.classes()) {
            throw new IllegalArgumentException("student logits " + student.rows() + "x" + student.classes()
                    + " and teacher logits " + teacher.rows() + "x" + teacher.classes() + " differ in shape");
        }
    }
}
